import FlowrunCore
import Foundation
import Testing

/// Reading a field of a record that is not there, as Salesforce does it (help article 000212174):
/// an element that refers to `Get_Account.Name` directly fails with "The flow failed to access the
/// value for Get_Account.Name because it hasn't been set or assigned."; a formula or a merge field
/// reads it as null; the record variable itself is simply null.
@Suite struct NullRecordReferenceTests {
    static let message = "The flow failed to access the value for Get_Account.Name because it hasn't been set or assigned."

    static let acme = FlowRecord(objectType: "Account", fields: ["Id": "001000000000001AAA", "Name": "Acme"])

    /// Get_Account looks up the Account named by the input `Wanted`, storing the first one found.
    static let lookup = """
        <recordLookups><name>Get_Account</name><label>Get Account</label>
          <filterLogic>and</filterLogic>
          <filters><field>Name</field><operator>EqualTo</operator><value><elementReference>Wanted</elementReference></value></filters>
          <getFirstRecordOnly>true</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically>
          <connector><targetReference>Act</targetReference></connector>
        </recordLookups>
        <start><connector><targetReference>Get_Account</targetReference></connector></start>
        \(InterpreterTests.variable("Wanted", "String", output: false, input: true))
        """

    static func run(_ body: String, wanted: String) async throws -> Interview {
        let flow = try InterpreterTests.flow(lookup + "\n" + body)
        let store = try InMemoryRecordStore(records: [acme])
        return try await InterpreterTests.interpreter(flow, records: store).start(inputs: ["Wanted": .string(wanted)])
    }

    @Test func anAssignmentFromAFieldOfARecordNotFoundFailsAtTheAssignment() async throws {
        let body = """
            <assignments><name>Act</name><label>Act</label>
              <assignmentItems><assignToReference>Out</assignToReference><operator>Assign</operator><value><elementReference>Get_Account.Name</elementReference></value></assignmentItems>
            </assignments>
            \(InterpreterTests.variable("Out", "String"))
            """
        let found = try await Self.run(body, wanted: "Acme")
        #expect(InterpreterTests.outputs(found)["Out"] == "Acme")

        let missing = try await Self.run(body, wanted: "Nobody")
        // The flow's body starts at line 3; the lookup, the start and the input take 8 lines before Act.
        #expect(
            missing.status
                == .failed(
                    FlowRuntimeError(
                        .unsetValue, Self.message, elementName: "Act", location: SourceLocation(file: "inline.xml", line: 11, column: 1))))
    }

    @Test func aFaultConnectorCatchesItWithTheMessageInFaultMessage() async throws {
        let body = """
            <recordCreates><name>Act</name><label>Act</label><object>Task</object>
              <inputAssignments><field>Subject</field><value><elementReference>Get_Account.Name</elementReference></value></inputAssignments>
              <faultConnector><targetReference>Note_Fault</targetReference></faultConnector>
            </recordCreates>
            <assignments><name>Note_Fault</name><label>Note Fault</label>
              <assignmentItems><assignToReference>Problem</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems>
            </assignments>
            \(InterpreterTests.variable("Problem", "String"))
            """
        let flow = try InterpreterTests.flow(Self.lookup + "\n" + body)
        let store = try InMemoryRecordStore(records: [Self.acme])
        let interview = try await InterpreterTests.interpreter(flow, records: store).start(inputs: ["Wanted": "Nobody"])
        #expect(InterpreterTests.outputs(interview)["Problem"] == .string(Self.message))
        #expect(try await store.query(RecordQuery(object: "Task")).isEmpty)
    }

    @Test func aDecisionOnABlankLookupsFieldFailsWithTheWholePath() async throws {
        let flow = try InterpreterTests.flow(
            """
            <decisions><name>Is_Acme</name><label>Is Acme</label>
              <rules><name>Acme</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Person.Account.Name</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Acme</stringValue></rightValue></conditions>
                <label>Acme</label></rules>
            </decisions>
            <start><connector><targetReference>Is_Acme</targetReference></connector></start>
            <variables><name>Person</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Contact</objectType></variables>
            """)
        let interpreter = InterpreterTests.interpreter(flow)
        let withAccount = try await interpreter.start(inputs: [
            "Person": .record(FlowRecord(fields: ["LastName": "Doe", "Account": .record(Self.acme)]))
        ])
        #expect(withAccount.value(of: "Acme") == true)

        // The lookup field is set but the account is not in the value: it exists, its name unknown here.
        let unloadedAccount = try await interpreter.start(inputs: [
            "Person": .record(FlowRecord(fields: ["LastName": "Doe", "AccountId": "001000000000001AAA"]))
        ])
        #expect(unloadedAccount.value(of: "Acme") == false)

        let withoutAccount = try await interpreter.start(inputs: [
            "Person": .record(FlowRecord(fields: ["LastName": "Doe", "AccountId": .null]))
        ])
        #expect(
            withoutAccount.status
                == .failed(
                    FlowRuntimeError(
                        .unsetValue, "The flow failed to access the value for Person.Account.Name because it hasn't been set or assigned.",
                        elementName: "Is_Acme", location: SourceLocation(file: "inline.xml", line: 3, column: 1))))
    }

    @Test func aLookupsIdIsReadFromItsLookupField() async throws {
        let flow = try InterpreterTests.flow(
            """
            <assignments><name>Act</name><label>Act</label>
              <assignmentItems><assignToReference>Owner</assignToReference><operator>Assign</operator><value><elementReference>Home.Owner:User.Id</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Agent</assignToReference><operator>Assign</operator><value><elementReference>Home.Agent__r.Id</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Act</targetReference></connector></start>
            <variables><name>Home</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Property__c</objectType></variables>
            \(InterpreterTests.variable("Owner", "String"))
            \(InterpreterTests.variable("Agent", "String"))
            """)
        let interpreter = InterpreterTests.interpreter(flow)
        let home = FlowRecord(fields: ["OwnerId": "005000000000001AAA", "Agent__c": "003000000000007AAA"])
        let outputs = InterpreterTests.outputs(try await interpreter.start(inputs: ["Home": .record(home)]))
        #expect(outputs["Owner"] == "005000000000001AAA")
        #expect(outputs["Agent"] == "003000000000007AAA")

        let noAgent = try await interpreter.start(inputs: ["Home": .record(FlowRecord(fields: ["OwnerId": "005000000000001AAA"]))])
        guard case .failed(let error) = noAgent.status else {
            Issue.record("expected a blank Agent__c to fail, the interview is \(noAgent.status)")
            return
        }
        #expect(error.message == "The flow failed to access the value for Home.Agent__r.Id because it hasn't been set or assigned.")
    }

    @Test func priorValuesReadAsNullWhileARecordIsCreated() async throws {
        let flow = try TriggerTests.flow(
            triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate", start: "",
            body: """
                <assignments><name>Act</name><label>Act</label>
                  <assignmentItems><assignToReference>Before</assignToReference><operator>Assign</operator><value><elementReference>$Record__Prior.StageName</elementReference></value></assignmentItems>
                </assignments>
                \(InterpreterTests.variable("Before", "String", value: "<stringValue>unset</stringValue>"))
                """)
        let interpreter = TriggerTests.interpreter(flow, InMemoryRecordStore())
        let created = try await interpreter.trigger(TriggerEvent(record: TriggerTests.won))
        #expect(created.value(of: "Before") == .null)
        let updated = try await interpreter.trigger(
            TriggerEvent(record: TriggerTests.won, prior: FlowRecord(fields: ["StageName": "Negotiation"])))
        #expect(updated.value(of: "Before") == "Negotiation")
    }

    @Test func formulasAndTextTemplatesReadItAsNull() async throws {
        let body = """
            <assignments><name>Act</name><label>Act</label>
              <assignmentItems><assignToReference>Out</assignToReference><operator>Assign</operator><value><elementReference>Label</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Said</assignToReference><operator>Assign</operator><value><elementReference>Sentence</elementReference></value></assignmentItems>
            </assignments>
            <formulas><name>Label</name><dataType>String</dataType><expression>IF(ISBLANK({!Get_Account.Name}), &quot;no account&quot;, {!Get_Account.Name})</expression></formulas>
            <textTemplates><name>Sentence</name><text>Account: [{!Get_Account.Name}]</text></textTemplates>
            \(InterpreterTests.variable("Out", "String"))
            \(InterpreterTests.variable("Said", "String"))
            """
        let missing = InterpreterTests.outputs(try await Self.run(body, wanted: "Nobody"))
        #expect(missing["Out"] == "no account")
        #expect(missing["Said"] == "Account: []")
        let found = InterpreterTests.outputs(try await Self.run(body, wanted: "Acme"))
        #expect(found["Out"] == "Acme")
        #expect(found["Said"] == "Account: [Acme]")
    }

    @Test func theRecordItselfIsNullAndABlankFieldOfAFoundRecordIsNull() async throws {
        let body = """
            <decisions><name>Act</name><label>Act</label>
              <defaultConnector><targetReference>Read_Phone</targetReference></defaultConnector>
              <rules><name>Not_Found</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Get_Account</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                <label>Not Found</label></rules>
            </decisions>
            <assignments><name>Read_Phone</name><label>Read Phone</label>
              <assignmentItems><assignToReference>Phone</assignToReference><operator>Assign</operator><value><elementReference>Get_Account.Phone</elementReference></value></assignmentItems>
            </assignments>
            \(InterpreterTests.variable("Phone", "String", value: "<stringValue>unset</stringValue>"))
            """
        let missing = try await Self.run(body, wanted: "Nobody")
        #expect(missing.value(of: "Not_Found") == true)
        #expect(InterpreterTests.outputs(missing)["Phone"] == "unset")

        let found = try await Self.run(body, wanted: "Acme")
        #expect(found.value(of: "Not_Found") == false)
        #expect(InterpreterTests.outputs(found)["Phone"] == .null)
    }

    @Test func aScreenDefaultFromARecordNotFoundFailsTheScreen() async throws {
        let body = """
            <screens><name>Act</name><label>Confirm</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause>
              <fields><name>Company</name><dataType>String</dataType><defaultValue><elementReference>Get_Account.Name</elementReference></defaultValue>
                <fieldText>Company</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>
            </screens>
            """
        let found = try await Self.run(body, wanted: "Acme")
        #expect(found.status.prompt?.fields.first?.value == "Acme")

        let missing = try await Self.run(body, wanted: "Nobody")
        guard case .failed(let error) = missing.status else {
            Issue.record("expected the screen to fail, the interview is \(missing.status)")
            return
        }
        #expect(error.message == Self.message)
        #expect(error.elementName == "Act")
    }

    @Test func addingToAFieldOfARecordThatIsNotThereFails() async throws {
        let body = """
            <assignments><name>Act</name><label>Act</label>
              <assignmentItems><assignToReference>Get_Account.NumberOfEmployees</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
            </assignments>
            """
        let missing = try await Self.run(body, wanted: "Nobody")
        guard case .failed(let error) = missing.status else {
            Issue.record("expected the assignment to fail, the interview is \(missing.status)")
            return
        }
        #expect(
            error.message == "The flow failed to access the value for Get_Account.NumberOfEmployees because it hasn't been set or assigned."
        )
        #expect(error.elementName == "Act")

        let found = try await Self.run(body, wanted: "Acme")
        #expect(found.value(of: "Get_Account")?.recordValue?["NumberOfEmployees"] == 1)
    }
}
