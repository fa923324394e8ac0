import FlowrunCore
import Foundation
import Testing

/// Runs small flows written inline and checks their results against Salesforce's documented behaviour.
@Suite struct InterpreterTests {
    static let start = Date(timeIntervalSince1970: 1_714_555_800)  // 2024-05-01T09:30:00Z

    static func flow(_ body: String, plugins: PluginRegistry = .testPlugins) throws -> ValidatedFlow {
        let xml = "<?xml version=\"1.0\"?>\n<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\(body)\n</Flow>\n"
        let (parsed, parseDiagnostics) = FlowParser.parse(Array(xml.utf8), path: "inline.xml")
        let flow = try #require(parsed, "\(parseDiagnostics)")
        let (validated, diagnostics) = Validator(plugins: plugins).validate(flow)
        return try #require(validated, "\(diagnostics.map { "\($0.location): \($0.message)" })")
    }

    static func interpreter(_ flow: ValidatedFlow, records: any RecordStore = InMemoryRecordStore(), maxSteps: Int = 100_000) -> Interpreter
    {
        Interpreter(
            flow: flow,
            services: FlowServices(
                records: records, clock: ManualClock(start), random: SeededRandomSource(seed: 7), console: CapturedOutput()),
            configuration: InterpreterConfiguration(maxStepsPerTransaction: maxSteps))
    }

    static func variable(
        _ name: String, _ type: String, output: Bool = true, input: Bool = false, collection: Bool = false, value: String? = nil
    ) -> String {
        """
        <variables><name>\(name)</name><dataType>\(type)</dataType><isCollection>\(collection)</isCollection>\
        <isInput>\(input)</isInput><isOutput>\(output)</isOutput>\(value.map { "<value>\($0)</value>" } ?? "")</variables>
        """
    }

    static func outputs(_ interview: Interview) -> [String: FlowValue] {
        if case .finished(let outputs) = interview.status { return outputs }
        Issue.record("expected the interview to finish, it is \(interview.status)")
        return [:]
    }

    @Test func assignmentOperatorsFollowSalesforce() async throws {
        let flow = try Self.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Count</assignToReference><operator>Add</operator><value><numberValue>2</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Count</assignToReference><operator>Subtract</operator><value><numberValue>0.5</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Text</assignToReference><operator>Add</operator><value><stringValue> world</stringValue></value></assignmentItems>
              <assignmentItems><assignToReference>Items</assignToReference><operator>AddItem</operator><value><stringValue>b</stringValue></value></assignmentItems>
              <assignmentItems><assignToReference>Items</assignToReference><operator>AddAtStart</operator><value><stringValue>a</stringValue></value></assignmentItems>
              <assignmentItems><assignToReference>Size</assignToReference><operator>AssignCount</operator><value><elementReference>Items</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Due</assignToReference><operator>Add</operator><value><numberValue>30</numberValue></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            \(Self.variable("Count", "Number"))
            \(Self.variable("Text", "String", value: "<stringValue>hello</stringValue>"))
            \(Self.variable("Items", "String", collection: true))
            \(Self.variable("Size", "Number"))
            \(Self.variable("Due", "Date", value: "<dateValue>2024-02-15</dateValue>"))
            """)
        let outputs = Self.outputs(try await Self.interpreter(flow).start())
        #expect(outputs["Count"] == .number(Decimal(string: "1.5")!))
        #expect(outputs["Text"] == "hello world")
        #expect(outputs["Items"] == .collection(["a", "b"]))
        #expect(outputs["Size"] == 2)
        #expect(outputs["Due"] == .date(LocalDate(year: 2024, month: 3, day: 16)))
    }

    @Test(arguments: [(5, "true", "Big"), (5, "false", "Small"), (50, "false", "Big"), (1, "true", "Small")])
    func customConditionLogicPicksTheRule(amount: Int, vip: String, expected: String) async throws {
        let flow = try Self.flow(
            """
            <assignments><name>Big</name><label>Big</label><assignmentItems><assignToReference>Result</assignToReference><operator>Assign</operator><value><stringValue>Big</stringValue></value></assignmentItems></assignments>
            <assignments><name>Small</name><label>Small</label><assignmentItems><assignToReference>Result</assignToReference><operator>Assign</operator><value><stringValue>Small</stringValue></value></assignmentItems></assignments>
            <decisions><name>Size</name><label>Size</label>
              <defaultConnector><targetReference>Small</targetReference></defaultConnector>
              <rules><name>Is_Big</name><conditionLogic>1 AND (2 OR 3)</conditionLogic>
                <conditions><leftValueReference>Amount</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>2</numberValue></rightValue></conditions>
                <conditions><leftValueReference>VIP</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                <conditions><leftValueReference>Amount</leftValueReference><operator>GreaterThanOrEqualTo</operator><rightValue><numberValue>10</numberValue></rightValue></conditions>
                <connector><targetReference>Big</targetReference></connector><label>Big</label></rules>
            </decisions>
            <start><connector><targetReference>Size</targetReference></connector></start>
            \(Self.variable("Amount", "Number", output: false, input: true))
            \(Self.variable("VIP", "Boolean", output: false, input: true))
            \(Self.variable("Result", "String"))
            """)
        let interview = try await Self.interpreter(flow).start(inputs: ["Amount": .string(String(amount)), "VIP": .string(vip)])
        #expect(Self.outputs(interview)["Result"] == .string(expected))
    }

    @Test func loopsVisitEveryItemInOrder() async throws {
        let flow = try Self.flow(
            """
            <assignments><name>Append</name><label>Append</label>
              <assignmentItems><assignToReference>Joined</assignToReference><operator>Add</operator><value><elementReference>Item</elementReference></value></assignmentItems>
              <connector><targetReference>Each</targetReference></connector></assignments>
            <loops><name>Each</name><label>Each</label><collectionReference>Letters</collectionReference>
              <assignNextValueToReference>Item</assignNextValueToReference><iterationOrder>Desc</iterationOrder>
              <nextValueConnector><targetReference>Append</targetReference></nextValueConnector></loops>
            <start><connector><targetReference>Each</targetReference></connector></start>
            \(Self.variable("Letters", "String", output: false, input: true, collection: true))
            \(Self.variable("Item", "String", output: false))
            \(Self.variable("Joined", "String"))
            """)
        let interview = try await Self.interpreter(flow).start(inputs: ["Letters": .collection(["a", "b", "c"])])
        #expect(Self.outputs(interview)["Joined"] == "cba")
        #expect(interview.totalSteps == 7)
    }

    @Test func anEndlessLoopStopsAtTheStepLimit() async throws {
        let flow = try Self.flow(
            """
            <assignments><name>Spin</name><label>Spin</label>
              <assignmentItems><assignToReference>N</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
              <connector><targetReference>Spin</targetReference></connector></assignments>
            <start><connector><targetReference>Spin</targetReference></connector></start>
            \(Self.variable("N", "Number"))
            """)
        let interview = try await Self.interpreter(flow, maxSteps: 500).start()
        guard case .failed(let error) = interview.status else {
            Issue.record("the loop did not stop")
            return
        }
        #expect(error.kind == .stepLimit)
        #expect(error.elementName == "Spin")
        #expect(error.location?.line == 3)
        #expect(interview.value(of: "N") == 500)
    }

    @Test func faultConnectorsCatchPluginFailuresWithTheirMessage() async throws {
        let flow = try Self.flow(
            """
            <apexPluginCalls><name>Call</name><label>Call</label><apexClass>FailingPlugin</apexClass>
              <faultConnector><targetReference>Record_Fault</targetReference></faultConnector></apexPluginCalls>
            <assignments><name>Record_Fault</name><label>Record Fault</label>
              <assignmentItems><assignToReference>Problem</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems></assignments>
            <start><connector><targetReference>Call</targetReference></connector></start>
            \(Self.variable("Problem", "String"))
            """)
        let interview = try await Self.interpreter(flow).start()
        #expect(Self.outputs(interview)["Problem"] == "the vendor is down")
    }

    @Test func anUnhandledFaultFailsTheInterviewAtTheElement() async throws {
        let flow = try Self.flow(
            """
            <apexPluginCalls><name>Call</name><label>Call</label><apexClass>FailingPlugin</apexClass></apexPluginCalls>
            <start><connector><targetReference>Call</targetReference></connector></start>
            """)
        let interview = try await Self.interpreter(flow).start()
        #expect(
            interview.status
                == .failed(
                    FlowRuntimeError(
                        .unhandledFault, "the vendor is down", elementName: "Call",
                        location: SourceLocation(file: "inline.xml", line: 3, column: 1))))
    }

    static let ageScreen = """
        <screens><name>Ask</name><label>About you</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause>
          <fields><name>Age</name><dataType>Number</dataType><fieldText>Your age</fieldText><fieldType>InputField</fieldType><isRequired>true</isRequired>
            <validationRule><errorMessage>You must be 18 or older.</errorMessage><formulaExpression>{!Age} &gt;= 18</formulaExpression></validationRule></fields>
          <fields><name>Secret</name><fieldText>Password</fieldText><fieldType>PasswordField</fieldType><isRequired>false</isRequired></fields>
        </screens>
        <start><connector><targetReference>Ask</targetReference></connector></start>
        """

    @Test func screenAnswersAreCheckedBeforeTheFlowMovesOn() async throws {
        let interpreter = Self.interpreter(try Self.flow(Self.ageScreen))
        var interview = try await interpreter.start()
        let prompt = try #require(interview.status.prompt)
        #expect(prompt.fields.map(\.kind) == [.input, .password])
        #expect(prompt.fields.map(\.label) == ["Your age", "Password"])

        await interpreter.resume(&interview, answers: [:])
        #expect(interview.status.prompt?.fields.first?.error == "Complete this field.")

        await interpreter.resume(&interview, answers: ["Age": "eighteen"])
        #expect(interview.status.prompt?.fields.first?.error == "Expected a number, got \"eighteen\".")

        await interpreter.resume(&interview, answers: ["Age": "17"])
        #expect(interview.status.prompt?.fields.first?.error == "You must be 18 or older.")

        await interpreter.resume(&interview, answers: ["Age": "18"])
        #expect(interview.status == .finished(outputs: [:]))
        #expect(interview.value(of: "Age") == 18)
    }

    @Test func aPausedInterviewResumesFromItsEncodedForm() async throws {
        let interpreter = Self.interpreter(try Self.flow(Self.ageScreen))
        let paused = try await interpreter.start()
        let stored = try interpreter.snapshot(of: paused)
        var restored = try interpreter.restore(stored)
        #expect(restored.status == paused.status)
        #expect(restored.id == paused.id)
        await interpreter.resume(&restored, answers: ["Age": "40"])
        #expect(restored.value(of: "Age") == 40)
        #expect(restored.status == .finished(outputs: [:]))
    }

    @Test func inputsMustBeInputVariablesOfTheRightType() async throws {
        let flow = try Self.flow(
            """
            <start><locationX>0</locationX></start>
            \(Self.variable("Limit", "Number", output: false, input: true))
            \(Self.variable("Hidden", "String", output: false))
            """)
        let interpreter = Self.interpreter(flow)
        await #expect(throws: FlowInputError("input 'Limit': expected a number, got \"ten\"")) {
            try await interpreter.start(inputs: ["Limit": "ten"])
        }
        await #expect(throws: FlowInputError("'Hidden' is not an input variable of flow 'inline'; its inputs are Limit")) {
            try await interpreter.start(inputs: ["Hidden": "x"])
        }
    }

    @Test func recordLookupsStoreWhatTheyFind() async throws {
        let store = try InMemoryRecordStore(records: [
            FlowRecord(objectType: "User", fields: ["Id": "005000000000001AAA", "MobilePhone": "+15555550100", "Name": "Ada"]),
            FlowRecord(objectType: "User", fields: ["Id": "005000000000002AAA", "Name": "Grace"]),
        ])
        let flow = try Self.flow(
            """
            <recordLookups><name>Get_User</name><label>Get User</label><assignNullValuesIfNoRecordsFound>true</assignNullValuesIfNoRecordsFound>
              <filterLogic>and</filterLogic>
              <filters><field>Name</field><operator>EqualTo</operator><value><elementReference>Who</elementReference></value></filters>
              <getFirstRecordOnly>true</getFirstRecordOnly><object>User</object>
              <outputAssignments><assignToReference>Mobile</assignToReference><field>MobilePhone</field></outputAssignments>
            </recordLookups>
            <start><connector><targetReference>Get_User</targetReference></connector></start>
            \(Self.variable("Who", "String", output: false, input: true))
            \(Self.variable("Mobile", "String", value: "<stringValue>unset</stringValue>"))
            """)
        let interpreter = Self.interpreter(flow, records: store)
        #expect(Self.outputs(try await interpreter.start(inputs: ["Who": "ada"]))["Mobile"] == "+15555550100")
        #expect(Self.outputs(try await interpreter.start(inputs: ["Who": "Grace"]))["Mobile"] == .null)
        #expect(Self.outputs(try await interpreter.start(inputs: ["Who": "Nobody"]))["Mobile"] == .null)
    }

    @Test func formulasAndTemplatesReadCurrentValues() async throws {
        let flow = try Self.flow(
            """
            <assignments><name>Set</name><label>Set</label>
              <assignmentItems><assignToReference>Out</assignToReference><operator>Assign</operator><value><elementReference>Greeting</elementReference></value></assignmentItems></assignments>
            <formulas><name>Masked</name><dataType>String</dataType><expression>&quot;•••• &quot; &amp; RIGHT({!Mobile}, 4)</expression></formulas>
            <start><connector><targetReference>Set</targetReference></connector></start>
            <textTemplates><name>Greeting</name><text>Code sent to {!Masked} on {!$Flow.CurrentDate}</text></textTemplates>
            \(Self.variable("Mobile", "String", output: false, input: true))
            \(Self.variable("Out", "String"))
            """)
        let interview = try await Self.interpreter(flow).start(inputs: ["Mobile": "+15555550100"])
        #expect(Self.outputs(interview)["Out"] == "Code sent to •••• 0100 on 2024-05-01")
    }
}
