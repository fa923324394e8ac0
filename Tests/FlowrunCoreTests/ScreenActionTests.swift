import FlowrunCore
import Foundation
import Testing

/// Screen actions and setup references, read as the Metadata API documents them (FlowScreenAction,
/// FlowScreenTrigger, FlowScreenTriggerHandler: API 59.0+; FlowElementReferenceOrValue's
/// setupReference/setupReferenceType). Salesforce Help, *Action Button Screen Input Component*:
/// "The screen action runs an active autolaunched flow, and the results of the autolaunched flow
/// can be shown on the same screen as the button."
@Suite struct ScreenActionTests {
    @Test func anActionRunsOnLoadAndWhenItsComponentRaisesTheEvent() async throws {
        let (loaded, diagnostics) = SubflowTests.load("ScreenActionCaller")
        let flow = try #require(loaded, "\(diagnostics)")
        #expect(!diagnostics.contains { $0.severity == .error })
        let interpreter = SubflowTests.interpreter(flow)
        var interview = try await interpreter.start()

        // runOnLoad: the welcome ran before the screen was shown; the button's action has not run.
        var prompt = try #require(interview.status.prompt)
        #expect(prompt.fields.first { $0.name == "Welcome_Text" }?.text == "Hello, visitor")
        #expect(prompt.fields.first { $0.name == "Greeting_Text" }?.text == "")
        #expect(prompt.fields.first { $0.name == "Greet_Button" }?.events == ["click"])

        // The button is clicked: the action runs and the same screen shows its results.
        await interpreter.resume(&interview, answers: ["Who": "Ada", "Greet_Button.click": true])
        prompt = try #require(interview.status.prompt, "\(interview.status)")
        #expect(prompt.elementName == "Ask")
        #expect(prompt.fields.first { $0.name == "Greeting_Text" }?.text == "Hello, Ada")
        #expect(prompt.fields.first { $0.name == "Greet_Button" }?.inputParameters["disabled"] == false)

        // Next: the flow goes on and reads the action's results.
        await interpreter.resume(&interview, answers: ["Who": "Ada"])
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["Said"] == "Hello, Ada")
        #expect(outputs["Succeeded"] == true)
        #expect(outputs["Welcomed"] == "Hello, visitor")
    }

    @Test func aTriggerNamingNoActionIsALocatedError() throws {
        let source = try String(
            contentsOf: SubflowTests.directory.appendingPathComponent("ScreenActionCaller.flow-meta.xml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "<screenActionName>Greet_Action</screenActionName>", with: "<screenActionName>Greet_Actoin</screenActionName>")
        let (parsed, _) = FlowParser.parse(
            Array(source.utf8), path: SubflowTests.directory.appendingPathComponent("Broken.flow-meta.xml").path)
        let flow = try #require(parsed)
        let library = FlowLibrary(directories: [SubflowTests.directory.path], plugins: .testPlugins)
        let (_, diagnostics) = Validator(plugins: .testPlugins, flows: library).validate(flow)
        let error = try #require(diagnostics.first { $0.id == "validate.undefinedReference" })
        #expect(error.message.contains("'Greet_Actoin', which this screen does not define; did you mean 'Greet_Action'?"))
        #expect(error.location.line == 90)
    }

    @Test func aSetupReferenceIsPassedAsItsApiName() async throws {
        let (loaded, diagnostics) = SubflowTests.load("RouteWithSetupReference")
        let flow = try #require(loaded, "\(diagnostics)")
        let interview = try await SubflowTests.interpreter(flow).start()
        #expect(InterpreterTests.outputs(interview)["Said"] == "Hello, sfdc_livemessage")
    }
}
