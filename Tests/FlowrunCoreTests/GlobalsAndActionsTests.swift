import FlowrunCore
import Foundation
import Testing

/// `$Label`, `$Organization`, `$Permission`, `$Setup` from a settings file; `$Flow.CurrentRecord`;
/// and the standard actions dispatched through the plug-in registry or built in.
@Suite struct GlobalsAndActionsTests {
    static let settingsJSON = #"""
        { "labels": { "Greeting": "Welcome aboard" },
          "organization": { "Name": "Acme", "Id": "00D000000000001AAA" },
          "profile": { "Name": "System Administrator" },
          "permissions": { "Approve_Discounts": true },
          "setup": { "Discount_Settings__c": { "Maximum__c": 20 } } }
        """#

    static func flow(_ body: String, settings: OrgSettings? = nil, plugins: PluginRegistry = .testPlugins) throws -> (
        ValidatedFlow?, [Diagnostic]
    ) {
        let xml = "<?xml version=\"1.0\"?>\n<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\(body)\n</Flow>\n"
        let (parsed, _) = FlowParser.parse(Array(xml.utf8), path: "inline.xml")
        return Validator(plugins: plugins, settings: settings).validate(try #require(parsed))
    }

    static let readGlobals = """
        <assignments><name>Read</name><label>Read</label>
          <assignmentItems><assignToReference>Label</assignToReference><operator>Assign</operator><value><elementReference>$Label.Greeting</elementReference></value></assignmentItems>
          <assignmentItems><assignToReference>Org</assignToReference><operator>Assign</operator><value><stringValue>{!$Organization.Name} / {!$Profile.Name}</stringValue></value></assignmentItems>
          <assignmentItems><assignToReference>May</assignToReference><operator>Assign</operator><value><elementReference>$Permission.Approve_Discounts</elementReference></value></assignmentItems>
          <assignmentItems><assignToReference>Most</assignToReference><operator>Assign</operator><value><elementReference>$Setup.Discount_Settings__c.Maximum__c</elementReference></value></assignmentItems>
          <assignmentItems><assignToReference>Record</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentRecord</elementReference></value></assignmentItems>
          <assignmentItems><assignToReference>Empty</assignToReference><operator>Assign</operator><value><elementReference>$GlobalConstant.EmptyString</elementReference></value></assignmentItems>
        </assignments>
        <start><connector><targetReference>Read</targetReference></connector></start>
        \(InterpreterTests.variable("Label", "String"))
        \(InterpreterTests.variable("Org", "String"))
        \(InterpreterTests.variable("May", "Boolean"))
        \(InterpreterTests.variable("Most", "Number"))
        \(InterpreterTests.variable("Record", "String"))
        \(InterpreterTests.variable("Empty", "String"))
        \(InterpreterTests.variable("recordId", "String", output: false, input: true))
        """

    @Test func orgGlobalsComeFromTheSettingsFile() async throws {
        let settings = try OrgSettings(data: Data(Self.settingsJSON.utf8))
        let (loaded, diagnostics) = try Self.flow(Self.readGlobals, settings: settings)
        #expect(diagnostics.isEmpty)
        let flow = try #require(loaded)
        let outputs = InterpreterTests.outputs(
            try await InterpreterTests.interpreter(flow).start(inputs: ["recordId": "006000000000001AAA"]))
        #expect(outputs["Label"] == "Welcome aboard")
        #expect(outputs["Org"] == "Acme / System Administrator")
        #expect(outputs["May"] == true)
        #expect(outputs["Most"] == 20)
        #expect(outputs["Record"] == "006000000000001AAA")
        #expect(outputs["Empty"] == "")
    }

    @Test func withoutSettingsOrgGlobalsAreNeedsAndReadAsNull() async throws {
        let (loaded, diagnostics) = try Self.flow(Self.readGlobals)
        #expect(diagnostics.map(\.id) == ["needs.global", "needs.global", "needs.global", "needs.global", "needs.global"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let outputs = InterpreterTests.outputs(try await InterpreterTests.interpreter(try #require(loaded)).start())
        #expect(outputs["Label"] == .null)
        #expect(outputs["Org"] == " / ")
    }

    @Test func aLabelMissingFromTheSettingsIsNamed() throws {
        let settings = try OrgSettings(data: Data(Self.settingsJSON.utf8))
        let (_, diagnostics) = try Self.flow(
            """
            <assignments><name>Read</name><label>Read</label>
              <assignmentItems><assignToReference>Label</assignToReference><operator>Assign</operator><value><elementReference>$Label.Farewell</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Read</targetReference></connector></start>
            \(InterpreterTests.variable("Label", "String"))
            """, settings: settings)
        #expect(
            diagnostics.map(\.message) == [
                "$Label.Farewell is not in the settings file (flowrun-settings.json or --settings); it reads as null"
            ])
    }

    @Test func malformedSettingsSayWhatIsWrong() {
        #expect(
            throws: RecordFixtureError(
                source: "settings",
                message: "unknown section \"label\"; the sections are labels, organization, profile, userRole, permissions, setup")
        ) {
            _ = try OrgSettings(data: Data(#"{"label": {}}"#.utf8))
        }
        #expect(
            throws: RecordFixtureError(
                source: "settings", message: "\"permissions\" must be an object of permission names to true/false (\"X\" is not)")
        ) {
            _ = try OrgSettings(data: Data(#"{"permissions": {"X": "yes"}}"#.utf8))
        }
    }

    static func action(_ type: String, name: String, inputs: String, store: Bool = false) -> String {
        """
        <actionCalls><name>Act</name><label>Act</label><actionName>\(name)</actionName><actionType>\(type)</actionType>
          \(inputs)<storeOutputAutomatically>\(store)</storeOutputAutomatically>
        </actionCalls>
        <start><connector><targetReference>Act</targetReference></connector></start>
        """
    }

    static func input(_ name: String, _ value: String) -> String {
        "<inputParameters><name>\(name)</name><value>\(value)</value></inputParameters>"
    }

    @Test func chatterPostIsRecordedAsAFeedItem() async throws {
        let body = Self.action(
            "chatterPost", name: "chatterPost",
            inputs: Self.input("text", "<stringValue>Deal closed!</stringValue>")
                + Self.input("subjectNameOrId", "<stringValue>005000000000001AAA</stringValue>")
                + Self.input("type", "<stringValue>User</stringValue>"), store: true)
        let (loaded, diagnostics) = try Self.flow(body)
        let flow = try #require(loaded, "\(diagnostics)")
        let store = InMemoryRecordStore()
        let interview = try await InterpreterTests.interpreter(flow, records: store).start()
        _ = InterpreterTests.outputs(interview)
        let posts = try await store.query(RecordQuery(object: "FeedItem"))
        #expect(posts.count == 1)
        #expect(posts.first?["Body"] == "Deal closed!")
        #expect(posts.first?["ParentId"] == "005000000000001AAA")
        #expect(posts.first?["Type"] == "TextPost")
        #expect(interview.value(of: "Act")?.recordValue?["feedItemId"] == .string(try #require(posts.first?.id)))
    }

    @Test func customNotificationIsRecorded() async throws {
        let body =
            Self.action(
                "customNotificationAction", name: "customNotificationAction",
                inputs: Self.input("customNotifTypeId", "<stringValue>0ML000000000001AAA</stringValue>")
                    + Self.input("recipientIds", "<elementReference>Recipients</elementReference>")
                    + Self.input("title", "<stringValue>Approval needed</stringValue>")
                    + Self.input("body", "<stringValue>Please look</stringValue>"))
            + InterpreterTests.variable("Recipients", "String", output: false, collection: true)
        let (loaded, diagnostics) = try Self.flow(body)
        let flow = try #require(loaded, "\(diagnostics)")
        let store = InMemoryRecordStore()
        _ = InterpreterTests.outputs(
            try await InterpreterTests.interpreter(flow, records: store).start())
        let notes = try await store.query(RecordQuery(object: "CustomNotification"))
        #expect(notes.first?["Title"] == "Approval needed")
        #expect(notes.first?["Body"] == "Please look")
    }

    @Test func emailSimpleGoesToTheRegisteredEmailSimplePlugin() throws {
        var plugins = PluginRegistry.testPlugins
        plugins.register(RecordingEmail(), as: "emailSimple")
        let body = Self.action(
            "emailSimple", name: "Welcome_Email",
            inputs: Self.input("emailAddresses", "<stringValue>ada@example.com</stringValue>")
                + Self.input("emailSubject", "<stringValue>Hi</stringValue>")
                + Self.input("emailBody", "<stringValue>Welcome</stringValue>"))
        let (loaded, diagnostics) = try Self.flow(body, plugins: plugins)
        #expect(loaded != nil, "\(diagnostics)")
        let (_, without) = try Self.flow(body)
        #expect(without.map(\.id) == ["needs.action"])
        #expect(
            without.first?.message
                == "needs the emailSimple action 'Welcome_Email', which no registered plug-in provides (inputs: emailAddresses, emailSubject, emailBody)"
        )
    }

    @Test func otherActionTypesAreNeedsWithTheirInputs() throws {
        let (_, diagnostics) = try Self.flow(
            Self.action("quickAction", name: "Case.LogACall", inputs: Self.input("Subject", "<stringValue>Call</stringValue>")))
        #expect(diagnostics.map(\.id) == ["needs.action"])
        #expect(
            diagnostics.first?.message
                == "needs the quickAction action 'Case.LogACall', which no registered plug-in provides (inputs: Subject)")
    }
}

/// Stands in for the `emailSimple` plug-in another part of flowrun provides.
private struct RecordingEmail: FlowPlugin {
    func describe() -> PluginDescription {
        PluginDescription(
            name: "emailSimple", tag: "Test", description: "records e-mail",
            inputs: [
                PluginParameter("emailAddresses", .string), PluginParameter("emailSubject", .string), PluginParameter("emailBody", .string),
            ],
            outputs: [])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult { PluginResult() }
}
