import FlowrunCore
import Foundation
import Testing

/// Flow Orchestrations: stages run in order, each stage's steps run their flows, entry conditions
/// skip a step, and later elements read `Step.Outputs.X`.
@Suite struct OrchestrationTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/orchestration")

    @Test func twoStagesRunTheirBackgroundStepsInOrderAndExposeTheirOutputs() async throws {
        let (loaded, diagnostics) = FlowLoader.load(
            path: Self.directory.appendingPathComponent("TwoStages.flow-meta.xml").path, plugins: .testPlugins)
        let flow = try #require(loaded, "\(diagnostics)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let interview = try await SubflowTests.interpreter(flow).start(inputs: ["Who": "Ada"])
        let outputs = InterpreterTests.outputs(interview)
        // Stage One's step greets the input; Stage Two's step greets Stage One's output, so it ran after.
        #expect(outputs["First"] == "Hello, Ada")
        #expect(outputs["Result"] == "Hello, Hello, Ada")
        // Never_Greeting's entry condition (Who = "Nobody") is false, so it did not run.
        #expect(outputs["Skipped"] == FlowValue.null)
    }

    @Test func aStepWhoseFlowIsNotInTheFolderNeedsItAsASubflow() throws {
        let path = ConformanceTests.directory
            .appendingPathComponent("alexed1__LightningFlowComponents__Test_Orch_With_Opportunity.flow-meta.xml").path
        let (_, diagnostics) = FlowLoader.load(path: path, plugins: PluginRegistry())
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == ["needs.subflow"])
        #expect(errors.first?.location.line == 14)
        #expect(errors.first?.location.column == 25)
        #expect(errors.first?.message.contains("'Hello_World'") == true)
    }

    /// Salesforce itself saved this flow as `InvalidDraft`: its Get Records stores the profile's Id
    /// in a variable (`outputAssignments`), so the element's own name holds no value and the
    /// decision's `Get_Standard_User IsNull false` cannot be resolved.
    @Test func aGetRecordsThatAssignsFieldsToVariablesIsNotAResource() throws {
        let path = ConformanceTests.directory
            .appendingPathComponent("Lightning-Flow-Scanner__lightning-flow-scanner-core__Unconnected_Element_Async.flow-meta.xml").path
        let (_, diagnostics) = FlowLoader.load(path: path, plugins: PluginRegistry())
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == ["validate.elementNotResource"])
        #expect(errors.first?.location.line == 48)
        #expect(errors.first?.location.column == 37)
    }
}
