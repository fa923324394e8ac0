import FlowrunCore
import Foundation
import Testing

/// Record-triggered flows: entry conditions, before-save changes to `$Record`, after-save runs on
/// the saved record, and "only when a record is updated to meet the condition requirements".
@Suite struct TriggerTests {
    static func flow(triggerType: String, recordTriggerType: String, start: String, body: String) throws -> ValidatedFlow {
        try InterpreterTests.flow(
            """
            <apiVersion>60.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            \(body)
            <start>
              <connector><targetReference>Act</targetReference></connector>
              <object>Opportunity</object>
              <recordTriggerType>\(recordTriggerType)</recordTriggerType>
              <triggerType>\(triggerType)</triggerType>
              \(start)
            </start>
            """)
    }

    static let wonFilter = """
        <filterLogic>and</filterLogic>
        <filters><field>StageName</field><operator>EqualTo</operator><value><stringValue>Closed Won</stringValue></value></filters>
        """

    static let markWon = """
        <assignments><name>Act</name><label>Act</label>
          <assignmentItems><assignToReference>$Record.Description</assignToReference><operator>Assign</operator><value><stringValue>Won on {!$Record.CloseDate}</stringValue></value></assignmentItems>
        </assignments>
        """

    static func interpreter(_ flow: ValidatedFlow, _ store: any RecordStore) -> Interpreter {
        Interpreter(
            flow: flow,
            services: FlowServices(records: store, clock: ManualClock(InterpreterTests.start), random: SeededRandomSource(seed: 7)))
    }

    static let won = FlowRecord(fields: ["StageName": "Closed Won", "CloseDate": .date(LocalDate(year: 2024, month: 4, day: 30))])

    @Test func beforeSaveChangesTheRecordAndSavesIt() async throws {
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "Create", start: Self.wonFilter, body: Self.markWon)
        let store = InMemoryRecordStore()
        let interview = try await Self.interpreter(flow, store).trigger(TriggerEvent(record: Self.won))
        #expect(interview.entryConditionsMet)
        let record = try #require(interview.value(of: "$Record")?.recordValue)
        #expect(record["Description"] == "Won on 2024-04-30")
        let saved = try await store.query(RecordQuery(object: "Opportunity"))
        #expect(saved.count == 1)
        #expect(saved.first?["Description"] == "Won on 2024-04-30")
        #expect(saved.first?.id == record.id)
    }

    @Test func entryConditionsThatDoNotHoldRunNothing() async throws {
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "Create", start: Self.wonFilter, body: Self.markWon)
        let store = InMemoryRecordStore()
        let interview = try await Self.interpreter(flow, store).trigger(
            TriggerEvent(record: FlowRecord(fields: ["StageName": "Prospecting"])))
        #expect(!interview.entryConditionsMet)
        #expect(interview.totalSteps == 0)
        #expect(try await store.query(RecordQuery(object: "Opportunity")).isEmpty)
    }

    @Test func afterSaveRunsWithTheSavedRecord() async throws {
        let createTask = """
            <recordCreates><name>Act</name><label>Act</label><object>Task</object>
              <inputAssignments><field>WhatId</field><value><elementReference>$Record.Id</elementReference></value></inputAssignments>
              <inputAssignments><field>Subject</field><value><stringValue>Send the contract</stringValue></value></inputAssignments>
            </recordCreates>
            """
        let flow = try Self.flow(
            triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate", start: Self.wonFilter, body: createTask)
        let store = InMemoryRecordStore()
        let interview = try await Self.interpreter(flow, store).trigger(TriggerEvent(record: Self.won))
        #expect(InterpreterTests.outputs(interview).isEmpty)
        let opportunity = try #require(try await store.query(RecordQuery(object: "Opportunity")).first)
        let task = try #require(try await store.query(RecordQuery(object: "Task")).first)
        #expect(task["WhatId"] == .string(try #require(opportunity.id)))
        #expect(task["Subject"] == "Send the contract")
    }

    @Test func onlyWhenUpdatedToMeetTheConditions() async throws {
        let flow = try Self.flow(
            triggerType: "RecordBeforeSave", recordTriggerType: "Update",
            start: Self.wonFilter + "<doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>",
            body: Self.markWon)
        let interpreter = Self.interpreter(flow, InMemoryRecordStore())
        let becameWon = try await interpreter.trigger(
            TriggerEvent(record: Self.won, prior: FlowRecord(fields: ["StageName": "Negotiation"])))
        #expect(becameWon.entryConditionsMet)
        let stayedWon = try await interpreter.trigger(TriggerEvent(record: Self.won, prior: Self.won))
        #expect(!stayedWon.entryConditionsMet)
    }

    @Test func isChangedAndCustomLogic() async throws {
        let start = """
            <filterLogic>1 OR 2</filterLogic>
            <filters><field>Amount</field><operator>IsChanged</operator><value><booleanValue>true</booleanValue></value></filters>
            <filters><field>StageName</field><operator>EqualTo</operator><value><stringValue>Closed Won</stringValue></value></filters>
            """
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "Update", start: start, body: Self.markWon)
        let interpreter = Self.interpreter(flow, InMemoryRecordStore())
        let changed = try await interpreter.trigger(
            TriggerEvent(record: FlowRecord(fields: ["Amount": 20, "StageName": "Prospecting"]), prior: FlowRecord(fields: ["Amount": 10])))
        #expect(changed.entryConditionsMet)
        let same = try await interpreter.trigger(
            TriggerEvent(record: FlowRecord(fields: ["Amount": 10, "StageName": "Prospecting"]), prior: FlowRecord(fields: ["Amount": 10])))
        #expect(!same.entryConditionsMet)
    }

    @Test func formulaEntryCondition() async throws {
        let start = """
            <filterFormula>{!$Record.Amount} &gt; 1000 &amp;&amp; ISPICKVAL({!$Record.StageName}, "Closed Won")</filterFormula>
            """
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "Create", start: start, body: Self.markWon)
        let interpreter = Self.interpreter(flow, InMemoryRecordStore())
        let big = try await interpreter.trigger(TriggerEvent(record: FlowRecord(fields: ["Amount": 5000, "StageName": "Closed Won"])))
        #expect(big.entryConditionsMet)
        let small = try await interpreter.trigger(TriggerEvent(record: FlowRecord(fields: ["Amount": 50, "StageName": "Closed Won"])))
        #expect(!small.entryConditionsMet)
    }

    /// PRIORVALUE is refused in a formula resource (Flow Formula Considerations); `$Record__Prior` reads the same value.
    @Test func isNewAndIsChangedCompareWithThePriorRecord() async throws {
        let body = """
            <assignments><name>Act</name><label>Act</label>
              <assignmentItems><assignToReference>$Record.Description</assignToReference><operator>Assign</operator><value><elementReference>Summary</elementReference></value></assignmentItems>
            </assignments>
            <formulas><name>Summary</name><dataType>String</dataType>
              <expression>IF(ISNEW(), "new", IF(ISCHANGED({!$Record.StageName}), "was " &amp; {!$Record__Prior.StageName}, "same"))</expression>
            </formulas>
            """
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "CreateAndUpdate", start: "", body: body)
        let interpreter = Self.interpreter(flow, InMemoryRecordStore())
        func description(_ event: TriggerEvent) async throws -> FlowValue? {
            try await interpreter.trigger(event).value(of: "$Record")?.recordValue?["Description"]
        }
        #expect(try await description(TriggerEvent(record: Self.won)) == "new")
        #expect(
            try await description(TriggerEvent(record: Self.won, prior: FlowRecord(fields: ["StageName": "Negotiation"])))
                == "was Negotiation")
        #expect(try await description(TriggerEvent(record: Self.won, prior: Self.won)) == "same")
    }

    @Test func beforeDeleteRunsThenDeletes() async throws {
        let flow = try Self.flow(triggerType: "RecordBeforeDelete", recordTriggerType: "Delete", start: "", body: Self.markWon)
        let store = InMemoryRecordStore()
        let id = try await store.create(FlowRecord(objectType: "Opportunity", fields: ["StageName": "Closed Won"]))
        let interview = try await Self.interpreter(flow, store).trigger(
            TriggerEvent(record: FlowRecord(fields: ["Id": .string(id), "StageName": "Closed Won"])))
        #expect(interview.entryConditionsMet)
        #expect(try await store.query(RecordQuery(object: "Opportunity")).isEmpty)
    }

    @Test func wrongRecordsAreRefusedWithReasons() async throws {
        let flow = try Self.flow(triggerType: "RecordBeforeSave", recordTriggerType: "Update", start: "", body: Self.markWon)
        let interpreter = Self.interpreter(flow, InMemoryRecordStore())
        await #expect(
            throws: FlowInputError(
                "flow 'inline' runs when Opportunity records are updated; give the record before the update as the prior record (--prior)")
        ) {
            _ = try await interpreter.trigger(TriggerEvent(record: Self.won))
        }
        await #expect(throws: FlowInputError("flow 'inline' is triggered by Opportunity records, not Account")) {
            _ = try await interpreter.trigger(TriggerEvent(record: FlowRecord(objectType: "Account"), prior: FlowRecord()))
        }
    }

    @Test func scheduledAndPlatformEventStartsParse() throws {
        let scheduled = try InterpreterTests.flow(
            """
            <assignments><name>Act</name><label>Act</label></assignments>
            <assignments><name>Later</name><label>Later</label></assignments>
            <start>
              <connector><targetReference>Act</targetReference></connector>
              <object>Account</object>
              <recordTriggerType>Create</recordTriggerType>
              <triggerType>RecordAfterSave</triggerType>
              <scheduledPaths><name>A_Day_Later</name><connector><targetReference>Later</targetReference></connector>
                <label>A day later</label><offsetNumber>1</offsetNumber><offsetUnit>Days</offsetUnit><timeSource>RecordTriggerEvent</timeSource></scheduledPaths>
            </start>
            """)
        // The scheduled path's element is reachable, so no warning says otherwise.
        #expect(scheduled.diagnostics.isEmpty)
        let nightly = try InterpreterTests.flow(
            """
            <assignments><name>Act</name><label>Act</label></assignments>
            <start>
              <connector><targetReference>Act</targetReference></connector>
              <schedule><frequency>Daily</frequency><startDate>2024-05-01</startDate><startTime>02:00:00.000Z</startTime></schedule>
              <triggerType>Scheduled</triggerType>
            </start>
            """)
        #expect(nightly.triggerType == "Scheduled")
        #expect(nightly.flow.start?.trigger?.schedule["frequency"] == "Daily")
    }
}
