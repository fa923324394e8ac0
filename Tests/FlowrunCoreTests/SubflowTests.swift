import FlowrunCore
import Foundation
import Testing

/// Subflows resolved from a flows folder: inputs in, outputs out, screens inside them, and the
/// located errors for a missing, cyclic or misused subflow.
@Suite struct SubflowTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/subflows")

    static func load(_ name: String) -> (ValidatedFlow?, [Diagnostic]) {
        FlowLoader.load(path: directory.appendingPathComponent("\(name).flow-meta.xml").path, plugins: .testPlugins)
    }

    static func interpreter(_ flow: ValidatedFlow) -> Interpreter {
        Interpreter(
            flow: flow,
            services: FlowServices(
                records: InMemoryRecordStore(), clock: ManualClock(InterpreterTests.start), random: SeededRandomSource(seed: 7),
                console: CapturedOutput()))
    }

    @Test func subflowAndFlowActionPassInputsAndOutputs() async throws {
        let (loaded, diagnostics) = Self.load("Parent")
        let flow = try #require(loaded, "\(diagnostics)")
        let interview = try await Self.interpreter(flow).start(inputs: ["Who": "Grace"])
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["Message"] == "Hello, Grace")
        #expect(outputs["Second"] == "Hello, Ada")
    }

    @Test func aScreenInsideASubflowPausesTheCallerAndResumesAfterStorage() async throws {
        let (loaded, diagnostics) = Self.load("AskParent")
        let flow = try #require(loaded, "\(diagnostics)")
        let interpreter = Self.interpreter(flow)
        let paused = try await interpreter.start()
        let prompt = try #require(paused.status.prompt)
        #expect(prompt.elementName == "Ask")
        #expect(prompt.fields.first?.text == "What is your quest?")

        // The whole stack (caller waiting in its subflow) survives being stored and read back.
        let stored = try interpreter.snapshot(of: paused)
        var interview = try interpreter.restore(stored)
        await interpreter.resume(&interview, answers: ["Answer": "the Grail"])
        #expect(interview.status.prompt?.elementName == "Done", "\(interview.status)")
        #expect(interview.status.prompt?.fields.first?.text == "You said the Grail")
        await interpreter.resume(&interview, answers: [:])
        #expect(InterpreterTests.outputs(interview)["Final"] == "You said the Grail")
    }

    @Test func aSecretReturnedByASubflowStaysSecret() throws {
        let (loaded, diagnostics) = Self.load("CodeCaller")
        let flow = try #require(loaded, "\(diagnostics)")
        #expect(flow.isSecret("Received"))
        #expect(flow.isSecret("Copied"))
        #expect(flow.isSecret("Get_Code"))
    }

    @Test func aFailingSubflowTakesTheActionsFaultPathOrFailsTheCallerWhereItWasCalled() async throws {
        let (loaded, diagnostics) = Self.load("FaultCaller")
        let flow = try #require(loaded, "\(diagnostics)")
        let interview = try await Self.interpreter(flow).start()
        #expect(interview.value(of: "Fault") == "the vendor is down")
        guard case .failed(let error) = interview.status else {
            Issue.record("expected a failure, got \(interview.status)")
            return
        }
        #expect(error.elementName == "Plain_Call")
        #expect(error.location?.line == 24)
        #expect(error.location?.file.hasSuffix("FaultCaller.flow-meta.xml") == true)
        #expect(error.message.hasPrefix("subflow 'FailingChild' failed: "))
        #expect(error.message.hasSuffix("FailingChild.flow-meta.xml:3:5: 'Call_Vendor': the vendor is down"))
    }

    @Test func aCycleOfSubflowsIsALocatedError() throws {
        let (loaded, diagnostics) = Self.load("CycleA")
        #expect(loaded == nil)
        let cycle = try #require(diagnostics.first { $0.id == "validate.invalidSubflow" })
        #expect(cycle.location.line == 9)
        #expect(cycle.message.contains("subflow 'CycleB'"))
        #expect(cycle.message.contains("calling 'CycleA' here makes a cycle of subflows (cyclea → cycleb → CycleA)"))
    }

    @Test func missingSubflowIsANeedAndBadParametersAreErrors() throws {
        let (loaded, diagnostics) = Self.load("Caller")
        #expect(loaded == nil)
        let summary = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.id)" }
        #expect(summary == ["10:19 needs.subflow", "17:19 validate.unknownSubflowVariable", "21:32 validate.typeMismatch"])
        #expect(diagnostics[0].message.hasPrefix("needs the flow 'No_Such_Flow' as a subflow, which is not in "))
        #expect(diagnostics[1].message == "flow 'Greet' has no input variable 'Names'; did you mean 'Name'? (inputs: Name)")
        #expect(diagnostics[2].message == "output 'Greeting' of flow 'Greet' is a Text, but 'Count' is a Number")
    }

    @Test func withoutAFlowsFolderASubflowIsANeed() throws {
        let url = Self.directory.appendingPathComponent("Parent.flow-meta.xml")
        let (parsed, _) = FlowParser.parse(Array(try Data(contentsOf: url)), path: url.path)
        let (validated, diagnostics) = Validator(plugins: .testPlugins).validate(try #require(parsed))
        #expect(validated == nil)
        #expect(diagnostics.map(\.id) == ["needs.subflow", "needs.subflow"])
    }

    @Test func anSFDXProjectRootFindsItsFlows() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-sfdx-\(UUID().uuidString)")
        let flows = root.appendingPathComponent("force-app/main/default/flows")
        try FileManager.default.createDirectory(at: flows, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(
            at: Self.directory.appendingPathComponent("Greet.flow-meta.xml"), to: flows.appendingPathComponent("Greet.flow-meta.xml"))
        let library = FlowLibrary(directories: [root.path], plugins: .testPlugins)
        #expect(library.path(of: "Greet") == flows.appendingPathComponent("Greet.flow-meta.xml").path)
        let (loaded, diagnostics) = FlowLoader.load(
            path: Self.directory.appendingPathComponent("Parent.flow-meta.xml").path, plugins: .testPlugins, flows: library)
        #expect(loaded != nil, "\(diagnostics)")
    }
}
