import FlowrunCore
import Foundation
import Testing

/// Collection Sort and Filter, Delete Records, Roll Back Records, Custom Error, Transform, Wait
/// and stages, against Salesforce's documented behaviour.
@Suite struct DataElementTests {
    typealias T = InterpreterTests

    static func contact(_ id: String, _ last: String, _ age: Int?) -> FlowRecord {
        var record = FlowRecord(objectType: "Contact", fields: ["Id": .string(id), "LastName": .string(last)])
        if let age { record["Age__c"] = .number(Decimal(age)) }
        return record
    }

    static let contactsVariable = """
        <variables><name>Contacts</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
        <variables><name>Each</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput><objectType>Contact</objectType></variables>
        """

    static let people: FlowValue = .collection([
        .record(contact("003A", "Young", 19)), .record(contact("003B", "Nobody", nil)),
        .record(contact("003C", "Old", 70)), .record(contact("003D", "Middle", 40)),
    ])

    static func lastNames(_ value: FlowValue?) -> [String] {
        (value?.collectionValue ?? []).map { $0.recordValue?["LastName"].displayText ?? "?" }
    }

    @Test func sortOrdersTheCollectionInPlaceWithNullsLastAndALimit() async throws {
        let flow = try T.flow(
            """
            <collectionProcessors><name>Oldest_Two</name><label>Oldest Two</label>
              <collectionProcessorType>SortCollectionProcessor</collectionProcessorType>
              <collectionReference>Contacts</collectionReference>
              <limit>3</limit>
              <sortOptions><doesPutEmptyStringAndNullFirst>false</doesPutEmptyStringAndNullFirst><sortField>Age__c</sortField><sortOrder>Desc</sortOrder></sortOptions>
            </collectionProcessors>
            <start><connector><targetReference>Oldest_Two</targetReference></connector></start>
            \(Self.contactsVariable)
            """)
        let outputs = T.outputs(try await T.interpreter(flow).start(inputs: ["Contacts": Self.people]))
        #expect(Self.lastNames(outputs["Contacts"]) == ["Old", "Middle", "Young"])
    }

    @Test func sortCanPutNullsFirstAndSortByTwoFields() async throws {
        let flow = try T.flow(
            """
            <collectionProcessors><name>By_Age</name><label>By Age</label>
              <collectionProcessorType>SortCollectionProcessor</collectionProcessorType>
              <collectionReference>Contacts</collectionReference>
              <sortOptions><doesPutEmptyStringAndNullFirst>true</doesPutEmptyStringAndNullFirst><sortField>Age__c</sortField><sortOrder>Asc</sortOrder></sortOptions>
              <sortOptions><doesPutEmptyStringAndNullFirst>false</doesPutEmptyStringAndNullFirst><sortField>LastName</sortField><sortOrder>Asc</sortOrder></sortOptions>
            </collectionProcessors>
            <start><connector><targetReference>By_Age</targetReference></connector></start>
            \(Self.contactsVariable)
            """)
        let input: FlowValue = .collection(
            (Self.people.collectionValue ?? []) + [.record(Self.contact("003E", "Adams", 40))])
        let outputs = T.outputs(try await T.interpreter(flow).start(inputs: ["Contacts": input]))
        #expect(Self.lastNames(outputs["Contacts"]) == ["Nobody", "Young", "Adams", "Middle", "Old"])
    }

    @Test func filterKeepsItemsWhoseConditionsHoldUnderTheElementName() async throws {
        let flow = try T.flow(
            """
            <collectionProcessors><name>Adults</name><label>Adults</label>
              <assignNextValueToReference>Each</assignNextValueToReference>
              <collectionProcessorType>FilterCollectionProcessor</collectionProcessorType>
              <collectionReference>Contacts</collectionReference>
              <conditionLogic>or</conditionLogic>
              <conditions><leftValueReference>Each.Age__c</leftValueReference><operator>GreaterThanOrEqualTo</operator><rightValue><numberValue>40</numberValue></rightValue></conditions>
              <conditions><leftValueReference>Each.LastName</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Young</stringValue></rightValue></conditions>
              <connector><targetReference>Count</targetReference></connector>
            </collectionProcessors>
            <assignments><name>Count</name><label>Count</label>
              <assignmentItems><assignToReference>Kept</assignToReference><operator>AssignCount</operator><value><elementReference>Adults</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>First</assignToReference><operator>Assign</operator><value><elementReference>Adults</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Adults</targetReference></connector></start>
            \(Self.contactsVariable)
            \(T.variable("Kept", "Number"))
            <variables><name>First</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
            """)
        let outputs = T.outputs(try await T.interpreter(flow).start(inputs: ["Contacts": Self.people]))
        #expect(outputs["Kept"] == 3)
        #expect(Self.lastNames(outputs["First"]) == ["Young", "Old", "Middle"])
        // The source collection is left as it was.
        #expect(Self.lastNames(outputs["Contacts"]) == ["Young", "Nobody", "Old", "Middle"])
    }

    @Test func filterByFormula() async throws {
        let flow = try T.flow(
            """
            <collectionProcessors><name>Short_Names</name><label>Short Names</label>
              <assignNextValueToReference>Each</assignNextValueToReference>
              <collectionProcessorType>FilterCollectionProcessor</collectionProcessorType>
              <collectionReference>Contacts</collectionReference>
              <formula>LEN({!Each.LastName}) &lt;= 3</formula>
              <connector><targetReference>Keep</targetReference></connector>
            </collectionProcessors>
            <assignments><name>Keep</name><label>Keep</label>
              <assignmentItems><assignToReference>Contacts</assignToReference><operator>Assign</operator><value><elementReference>Short_Names</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Short_Names</targetReference></connector></start>
            \(Self.contactsVariable)
            """)
        let input: FlowValue = .collection([
            .record(Self.contact("003A", "Li", 1)), .record(Self.contact("003B", "Lovelace", 2)), .record(Self.contact("003C", "Ng", 3)),
        ])
        let outputs = T.outputs(try await T.interpreter(flow).start(inputs: ["Contacts": input]))
        #expect(Self.lastNames(outputs["Contacts"]) == ["Li", "Ng"])
    }

    static let caseRecords = [
        FlowRecord(objectType: "Case", fields: ["Id": "500000000000001AAA", "Subject": "Printer", "Status": "Closed"]),
        FlowRecord(objectType: "Case", fields: ["Id": "500000000000002AAA", "Subject": "Screen", "Status": "New"]),
        FlowRecord(objectType: "Case", fields: ["Id": "500000000000003AAA", "Subject": "Mouse", "Status": "Closed"]),
    ]

    @Test func deleteByFiltersAndByReference() async throws {
        let store = try InMemoryRecordStore(records: Self.caseRecords)
        let flow = try T.flow(
            """
            <recordDeletes><name>Delete_Closed</name><label>Delete Closed</label>
              <connector><targetReference>Delete_Given</targetReference></connector>
              <filters><field>Status</field><operator>EqualTo</operator><value><stringValue>Closed</stringValue></value></filters>
              <object>Case</object>
            </recordDeletes>
            <recordDeletes><name>Delete_Given</name><label>Delete Given</label>
              <inputReference>Given</inputReference>
            </recordDeletes>
            <start><connector><targetReference>Delete_Closed</targetReference></connector></start>
            <variables><name>Given</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Case</objectType></variables>
            """)
        let interview = try await T.interpreter(flow, records: store).start(inputs: ["Given": .record(Self.caseRecords[1])])
        _ = T.outputs(interview)
        #expect(store.recordCount(object: "Case") == 0)
    }

    @Test func rollbackUndoesThisTransactionsCreatesUpdatesAndDeletes() async throws {
        let store = try InMemoryRecordStore(records: Self.caseRecords)
        let flow = try T.flow(
            """
            <recordCreates><name>Create</name><label>Create</label>
              <connector><targetReference>Update</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>Keyboard</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordCreates>
            <recordUpdates><name>Update</name><label>Update</label>
              <connector><targetReference>Delete</targetReference></connector>
              <filters><field>Status</field><operator>EqualTo</operator><value><stringValue>New</stringValue></value></filters>
              <inputAssignments><field>Status</field><value><stringValue>Working</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordUpdates>
            <recordDeletes><name>Delete</name><label>Delete</label>
              <connector><targetReference>Undo</targetReference></connector>
              <filters><field>Subject</field><operator>EqualTo</operator><value><stringValue>Mouse</stringValue></value></filters>
              <object>Case</object>
            </recordDeletes>
            <recordRollbacks><name>Undo</name><label>Undo</label></recordRollbacks>
            <start><connector><targetReference>Create</targetReference></connector></start>
            """)
        _ = T.outputs(try await T.interpreter(flow, records: store).start())
        let cases = try await store.query(RecordQuery(object: "Case", filters: []))
        #expect(cases.count == 3)
        #expect(Set(cases.compactMap { $0["Subject"].stringValue }) == ["Printer", "Screen", "Mouse"])
        #expect(cases.first { $0.id == "500000000000002AAA" }?["Status"] == "New")
    }

    @Test func aCustomErrorRollsBackAndFailsWithItsMessage() async throws {
        let store = InMemoryRecordStore()
        let flow = try T.flow(
            """
            <recordCreates><name>Create</name><label>Create</label>
              <connector><targetReference>Refuse</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>Keyboard</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordCreates>
            <customErrors><name>Refuse</name><label>Refuse</label>
              <customErrorMessages><errorMessage>Amount {!Amount} is over the limit</errorMessage><isFieldError>false</isFieldError></customErrorMessages>
            </customErrors>
            <start><connector><targetReference>Create</targetReference></connector></start>
            \(T.variable("Amount", "Number", output: false, input: true))
            """)
        let interview = try await T.interpreter(flow, records: store).start(inputs: ["Amount": 500])
        guard case .failed(let error) = interview.status else {
            Issue.record("expected the custom error to fail the interview, got \(interview.status)")
            return
        }
        #expect(error.kind == .customError)
        #expect(error.message == "Amount 500 is over the limit")
        #expect(error.elementName == "Refuse")
        #expect(store.recordCount(object: "Case") == 0)
    }

    @Test func stagesAreAssignableGlobals() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Enter</name><label>Enter</label>
              <assignmentItems><assignToReference>$Flow.ActiveStages</assignToReference><operator>Add</operator><value><elementReference>Welcome</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>$Flow.ActiveStages</assignToReference><operator>Add</operator><value><elementReference>Review</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>$Flow.CurrentStage</assignToReference><operator>Assign</operator><value><elementReference>Review</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Current</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentStage</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Count</assignToReference><operator>AssignCount</operator><value><elementReference>$Flow.ActiveStages</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Shown</assignToReference><operator>Assign</operator><value><stringValue>at {!$Flow.CurrentStage}</stringValue></value></assignmentItems>
            </assignments>
            <stages><name>Review</name><isActive>true</isActive><label>Review</label><stageOrder>20</stageOrder></stages>
            <stages><name>Welcome</name><isActive>true</isActive><label>Welcome!</label><stageOrder>10</stageOrder></stages>
            <formulas><name>Upper_Stage</name><dataType>String</dataType><expression>UPPER({!$Flow.CurrentStage})</expression></formulas>
            <start><connector><targetReference>Enter</targetReference></connector></start>
            \(T.variable("Current", "String"))
            \(T.variable("Count", "Number"))
            \(T.variable("Shown", "String"))
            <variables><name>Loud</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><value><elementReference>Upper_Stage</elementReference></value></variables>
            """)
        let outputs = T.outputs(try await T.interpreter(flow).start())
        #expect(outputs["Current"] == "Review")
        #expect(outputs["Count"] == 2)
        #expect(outputs["Shown"] == "at Review")
    }

    @Test func aWaitTakesTheEarliestEventWhoseConditionsHold() async throws {
        let flow = try T.flow(
            """
            <waits><name>Pause</name><label>Pause</label>
              <defaultConnector><targetReference>Default_Path</targetReference></defaultConnector>
              <defaultConnectorLabel>Default Path</defaultConnectorLabel>
              <waitEvents><name>In_Two_Days</name><conditionLogic>and</conditionLogic>
                <connector><targetReference>Later</targetReference></connector>
                <eventType>AlarmEvent</eventType>
                <inputParameters><name>AlarmTime</name><value><elementReference>$Flow.CurrentDateTime</elementReference></value></inputParameters>
                <inputParameters><name>TimeOffset</name><value><numberValue>2.0</numberValue></value></inputParameters>
                <inputParameters><name>TimeOffsetUnit</name><value><stringValue>Days</stringValue></value></inputParameters>
                <label>In Two Days</label></waitEvents>
              <waitEvents><name>In_One_Hour</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Urgent</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                <connector><targetReference>Soon</targetReference></connector>
                <eventType>AlarmEvent</eventType>
                <inputParameters><name>AlarmTime</name><value><elementReference>$Flow.CurrentDateTime</elementReference></value></inputParameters>
                <inputParameters><name>TimeOffset</name><value><numberValue>1.0</numberValue></value></inputParameters>
                <inputParameters><name>TimeOffsetUnit</name><value><stringValue>Hours</stringValue></value></inputParameters>
                <label>In One Hour</label></waitEvents>
            </waits>
            <assignments><name>Later</name><label>Later</label><assignmentItems><assignToReference>Path</assignToReference><operator>Assign</operator><value><stringValue>later</stringValue></value></assignmentItems></assignments>
            <assignments><name>Soon</name><label>Soon</label><assignmentItems><assignToReference>Path</assignToReference><operator>Assign</operator><value><stringValue>soon</stringValue></value></assignmentItems></assignments>
            <assignments><name>Default_Path</name><label>Default</label><assignmentItems><assignToReference>Path</assignToReference><operator>Assign</operator><value><stringValue>default</stringValue></value></assignmentItems></assignments>
            <start><connector><targetReference>Pause</targetReference></connector></start>
            \(T.variable("Urgent", "Boolean", output: false, input: true))
            \(T.variable("Path", "String"))
            """)
        #expect(T.outputs(try await T.interpreter(flow).start(inputs: ["Urgent": true]))["Path"] == "soon")
        #expect(T.outputs(try await T.interpreter(flow).start(inputs: ["Urgent": false]))["Path"] == "later")
    }

    @Test func aWaitWithOnlyPlatformEventsTakesTheDefaultPath() async throws {
        let flow = try T.flow(
            """
            <waits><name>Pause</name><label>Pause</label>
              <defaultConnector><targetReference>Default_Path</targetReference></defaultConnector>
              <waitEvents><name>Order_Shipped</name><connector><targetReference>Default_Path</targetReference></connector>
                <eventType>Order_Shipped__e</eventType><label>Shipped</label></waitEvents>
            </waits>
            <assignments><name>Default_Path</name><label>Default</label><assignmentItems><assignToReference>Path</assignToReference><operator>Assign</operator><value><stringValue>default</stringValue></value></assignmentItems></assignments>
            <start><connector><targetReference>Pause</targetReference></connector></start>
            \(T.variable("Path", "String"))
            """)
        #expect(T.outputs(try await T.interpreter(flow).start())["Path"] == "default")
    }

    @Test func aTransformBuildsARecordFromFieldMappings() async throws {
        let flow = try T.flow(
            """
            <transforms><name>To_Contact</name><label>To Contact</label>
              <connector><targetReference>Keep</targetReference></connector>
              <dataType>SObject</dataType><isCollection>false</isCollection><objectType>Contact</objectType>
              <storeOutputAutomatically>true</storeOutputAutomatically>
              <transformValues>
                <transformValueActions><outputFieldApiName>LastName</outputFieldApiName><transformType>Map</transformType><value><elementReference>Name</elementReference></value></transformValueActions>
                <transformValueActions><outputFieldApiName>Email</outputFieldApiName><transformType>Map</transformType><value><stringValue>ada@example.com</stringValue></value></transformValueActions>
              </transformValues>
            </transforms>
            <assignments><name>Keep</name><label>Keep</label><assignmentItems><assignToReference>Result</assignToReference><operator>Assign</operator><value><elementReference>To_Contact</elementReference></value></assignmentItems></assignments>
            <start><connector><targetReference>To_Contact</targetReference></connector></start>
            \(T.variable("Name", "String", output: false, input: true))
            <variables><name>Result</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
            """)
        let result = T.outputs(try await T.interpreter(flow).start(inputs: ["Name": "Lovelace"]))["Result"]
        #expect(result == .record(FlowRecord(objectType: "Contact", fields: ["LastName": "Lovelace", "Email": "ada@example.com"])))
    }
}

extension DataElementTests {
    @Test func aDecisionOutcomeReadsAsWhetherItWasTaken() async throws {
        let flow = try T.flow(
            """
            <decisions><name>Check</name><label>Check</label>
              <defaultConnector><targetReference>Note</targetReference></defaultConnector>
              <rules><name>Is_Big</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Amount</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>100</numberValue></rightValue></conditions>
                <connector><targetReference>Note</targetReference></connector><label>Big</label></rules>
              <rules><name>Is_Zero</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Amount</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>0</numberValue></rightValue></conditions>
                <connector><targetReference>Note</targetReference></connector><label>Zero</label></rules>
            </decisions>
            <assignments><name>Note</name><label>Note</label>
              <assignmentItems><assignToReference>Big</assignToReference><operator>Assign</operator><value><elementReference>Is_Big</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Zero</assignToReference><operator>Assign</operator><value><elementReference>Is_Zero</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Check</targetReference></connector></start>
            \(T.variable("Amount", "Number", output: false, input: true))
            \(T.variable("Big", "Boolean"))
            \(T.variable("Zero", "Boolean"))
            """)
        let big = T.outputs(try await T.interpreter(flow).start(inputs: ["Amount": 500]))
        #expect(big["Big"] == true)
        #expect(big["Zero"] == false)
        let neither = T.outputs(try await T.interpreter(flow).start(inputs: ["Amount": 5]))
        #expect(neither["Big"] == false)
        #expect(neither["Zero"] == false)
    }
}

extension DataElementTests {
    @Test func createsAndUpdatesFromVariablesFillInIdsAndOutputs() async throws {
        let store = InMemoryRecordStore()
        let flow = try T.flow(
            """
            <recordCreates><name>Create_One</name><label>Create One</label>
              <assignRecordIdToReference>New_Id</assignRecordIdToReference>
              <connector><targetReference>Create_Many</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>First</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordCreates>
            <recordCreates><name>Create_Many</name><label>Create Many</label>
              <connector><targetReference>Create_Auto</targetReference></connector>
              <inputReference>Batch</inputReference>
            </recordCreates>
            <recordCreates><name>Create_Auto</name><label>Create Auto</label>
              <connector><targetReference>Close_Them</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>Third</stringValue></value></inputAssignments>
              <object>Case</object>
              <storeOutputAutomatically>true</storeOutputAutomatically>
            </recordCreates>
            <assignments><name>Close_Them</name><label>Close Them</label>
              <assignmentItems><assignToReference>Auto_Id</assignToReference><operator>Assign</operator><value><elementReference>Create_Auto</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Loop_Count</assignToReference><operator>AssignCount</operator><value><elementReference>Batch</elementReference></value></assignmentItems>
              <connector><targetReference>Update_Batch</targetReference></connector>
            </assignments>
            <recordUpdates><name>Update_Batch</name><label>Update Batch</label>
              <inputReference>Batch</inputReference>
            </recordUpdates>
            <start><connector><targetReference>Create_One</targetReference></connector></start>
            \(T.variable("New_Id", "String"))
            \(T.variable("Auto_Id", "String"))
            \(T.variable("Loop_Count", "Number"))
            <variables><name>Batch</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput><objectType>Case</objectType></variables>
            """)
        let batch: FlowValue = .collection([
            .record(FlowRecord(objectType: "Case", fields: ["Subject": "Second", "Status": "Closed"]))
        ])
        let outputs = T.outputs(try await T.interpreter(flow, records: store).start(inputs: ["Batch": batch]))
        let ids = try await store.query(RecordQuery(object: "Case", sort: RecordSort(field: "Subject", ascending: true))).compactMap(\.id)
        #expect(ids.count == 3)
        let first = try #require(outputs["New_Id"]?.stringValue)
        let third = try #require(outputs["Auto_Id"]?.stringValue)
        let second = try #require(outputs["Batch"]?.collectionValue?.first?.recordValue?.id)
        // Sorted by Subject: First, Second, Third.
        #expect(ids == [first, second, third])
        #expect(first.hasPrefix("500") && second.hasPrefix("500") && third.hasPrefix("500"))
        #expect(outputs["Loop_Count"] == 1)
    }
}

extension DataElementTests {
    @Test func aWaitCommitsWhatRanBeforeIt() async throws {
        let store = InMemoryRecordStore()
        let flow = try T.flow(
            """
            <recordCreates><name>Before</name><label>Before</label>
              <connector><targetReference>Pause</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>Before the wait</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordCreates>
            <waits><name>Pause</name><label>Pause</label>
              <defaultConnector><targetReference>After</targetReference></defaultConnector>
              <waitEvents><name>Soon</name><connector><targetReference>After</targetReference></connector><eventType>AlarmEvent</eventType>
                <inputParameters><name>TimeOffset</name><value><numberValue>1</numberValue></value></inputParameters>
                <inputParameters><name>TimeOffsetUnit</name><value><stringValue>Hours</stringValue></value></inputParameters>
                <label>Soon</label></waitEvents>
            </waits>
            <recordCreates><name>After</name><label>After</label>
              <connector><targetReference>Undo</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>After the wait</stringValue></value></inputAssignments>
              <object>Case</object>
            </recordCreates>
            <recordRollbacks><name>Undo</name><label>Undo</label></recordRollbacks>
            <start><connector><targetReference>Before</targetReference></connector></start>
            """)
        _ = T.outputs(try await T.interpreter(flow, records: store).start())
        let cases = try await store.query(RecordQuery(object: "Case"))
        #expect(cases.map { $0["Subject"] } == ["Before the wait"])
    }
}
