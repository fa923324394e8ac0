import FlowrunCore
import Foundation
import Testing

/// Scheduled paths of after-save flows, in virtual time: each runs after the immediate path, in
/// its own interview, with the clock at its due time and `$Record` read again from the store.
@Suite struct ScheduledPathTests {
    typealias T = InterpreterTests

    /// An Opportunity flow whose immediate path moves the stage on, and whose paths each stamp
    /// the record with `$Flow.CurrentDateTime` (and what `$Record` and `$Record__Prior` say then).
    static func flow(recordTriggerType: String = "Create", paths: String, extra: String = "") throws -> ValidatedFlow {
        func stamp(_ name: String, _ field: String) -> String {
            """
            <recordUpdates><name>\(name)</name><label>\(name)</label>
              <filterLogic>and</filterLogic>
              <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
              <inputAssignments><field>\(field)</field><value><elementReference>$Flow.CurrentDateTime</elementReference></value></inputAssignments>
              <inputAssignments><field>Seen_Stage_\(field)</field><value><elementReference>$Record.StageName</elementReference></value></inputAssignments>
              <object>Opportunity</object>
            </recordUpdates>
            """
        }
        return try T.flow(
            """
            <apiVersion>60.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            <recordUpdates><name>Move_Stage</name><label>Move Stage</label>
              <filterLogic>and</filterLogic>
              <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
              <inputAssignments><field>StageName</field><value><stringValue>Negotiation</stringValue></value></inputAssignments>
              <object>Opportunity</object>
            </recordUpdates>
            \(stamp("Stamp_Async", "Async_At"))
            \(stamp("Stamp_Later", "Later_At"))
            \(stamp("Stamp_Before_Close", "Before_Close_At"))
            \(stamp("Stamp_Next_Month", "Next_Month_At"))
            \(extra)
            <start>
              <connector><targetReference>Move_Stage</targetReference></connector>
              <object>Opportunity</object>
              <recordTriggerType>\(recordTriggerType)</recordTriggerType>
              <triggerType>RecordAfterSave</triggerType>
              \(paths)
            </start>
            """)
    }

    static func path(_ name: String, to target: String, _ timing: String) -> String {
        "<scheduledPaths><name>\(name)</name><connector><targetReference>\(target)</targetReference></connector><label>\(name)</label>\(timing)</scheduledPaths>"
    }

    static let async =
        "<scheduledPaths><connector><targetReference>Stamp_Async</targetReference></connector><pathType>AsyncAfterCommit</pathType></scheduledPaths>"
    static let twoHoursLater = path(
        "Two_Hours_Later", to: "Stamp_Later",
        "<offsetNumber>2</offsetNumber><offsetUnit>Hours</offsetUnit><timeSource>RecordTriggerEvent</timeSource>")
    static let dayBeforeClose = path(
        "Day_Before_Close", to: "Stamp_Before_Close",
        "<offsetNumber>-1</offsetNumber><offsetUnit>Days</offsetUnit><recordField>CloseDate</recordField><timeSource>RecordField</timeSource>"
    )
    static let nextMonth = path(
        "Next_Month", to: "Stamp_Next_Month",
        "<offsetNumber>1</offsetNumber><offsetUnit>Months</offsetUnit><timeSource>RecordTriggerEvent</timeSource>")
    static let allPaths = [nextMonth, dayBeforeClose, twoHoursLater, async].joined(separator: "\n")

    static func date(_ text: String) throws -> Date { try #require(Date(isoText: text)) }

    static func opportunity(closing close: LocalDate?) -> FlowRecord {
        var record = FlowRecord(fields: ["Name": "Rocket fuel", "StageName": "Prospecting"])
        if let close { record["CloseDate"] = .date(close) }
        return record
    }

    @Test func pathsRunAfterTheImmediatePathInTheOrderTheyAreDue() async throws {
        let flow = try Self.flow(paths: Self.allPaths)
        let store = InMemoryRecordStore()
        let events = EventCollector()
        let interpreter = Interpreter(
            flow: flow,
            services: FlowServices(records: store, clock: ManualClock(T.start), random: SeededRandomSource(seed: 7), observer: events))
        let run = try await interpreter.triggerWithScheduledPaths(
            TriggerEvent(record: Self.opportunity(closing: LocalDate(year: 2024, month: 5, day: 10))))

        // The trigger is at 2024-05-01T09:30:00Z: async at once, +2 hours, the day before the
        // close date (midnight UTC), one calendar month later.
        #expect(run.scheduledPaths.map(\.name) == ["AsyncAfterCommit", "Two_Hours_Later", "Day_Before_Close", "Next_Month"])
        #expect(
            run.scheduledPaths.map { $0.time?.isoText }
                == ["2024-05-01T09:30:00.000Z", "2024-05-01T11:30:00.000Z", "2024-05-09T00:00:00.000Z", "2024-06-01T09:30:00.000Z"])
        #expect(run.scheduledPaths.allSatisfy { if case .finished = $0.interview?.status { true } else { false } })
        #expect(run.scheduledPaths.map { $0.interview?.startTime } == run.scheduledPaths.map(\.time))

        let elements = events.events.compactMap { event -> String? in
            switch event {
            case .element(let name, _, _): name
            case .scheduledPath(let name, let time): "\(name)@\(time)"
            default: nil
            }
        }
        #expect(
            elements == [
                "Move_Stage",
                "AsyncAfterCommit@2024-05-01T09:30:00.000Z", "Stamp_Async",
                "Two_Hours_Later@2024-05-01T11:30:00.000Z", "Stamp_Later",
                "Day_Before_Close@2024-05-09T00:00:00.000Z", "Stamp_Before_Close",
                "Next_Month@2024-06-01T09:30:00.000Z", "Stamp_Next_Month",
            ])

        // Each path saw its own time as $Flow.CurrentDateTime, and the record as the immediate
        // path left it (read again from the store), not as it was triggered.
        let saved = try #require(try await store.query(RecordQuery(object: "Opportunity")).first)
        #expect(saved["Async_At"] == .dateTime(try Self.date("2024-05-01T09:30:00Z")))
        #expect(saved["Later_At"] == .dateTime(try Self.date("2024-05-01T11:30:00Z")))
        #expect(saved["Before_Close_At"] == .dateTime(try Self.date("2024-05-09T00:00:00Z")))
        #expect(saved["Next_Month_At"] == .dateTime(try Self.date("2024-06-01T09:30:00Z")))
        #expect(saved["Seen_Stage_Later_At"] == "Negotiation")
    }

    @Test func anEmptyFieldLeavesItsPathUnscheduledAndAPastTimeRunsAtTheTrigger() async throws {
        let flow = try Self.flow(paths: [Self.dayBeforeClose, Self.twoHoursLater].joined(separator: "\n"))
        let unscheduled = try await T.interpreter(flow).triggerWithScheduledPaths(TriggerEvent(record: Self.opportunity(closing: nil)))
        #expect(unscheduled.scheduledPaths.map(\.name) == ["Two_Hours_Later", "Day_Before_Close"])
        #expect(unscheduled.scheduledPaths.map { $0.time?.isoText } == ["2024-05-01T11:30:00.000Z", nil])
        guard case .notScheduled(let reason) = unscheduled.scheduledPaths[1].outcome else {
            Issue.record("expected Day_Before_Close not to be scheduled, got \(unscheduled.scheduledPaths[1].outcome)")
            return
        }
        #expect(reason == "CloseDate is empty")

        // Closing on 2024-04-01, the day before is long past: the path runs at the trigger time,
        // before the one two hours later.
        let past = try await T.interpreter(flow).triggerWithScheduledPaths(
            TriggerEvent(record: Self.opportunity(closing: LocalDate(year: 2024, month: 4, day: 1))))
        #expect(past.scheduledPaths.map(\.name) == ["Day_Before_Close", "Two_Hours_Later"])
        #expect(past.scheduledPaths.map { $0.time?.isoText } == ["2024-05-01T09:30:00.000Z", "2024-05-01T11:30:00.000Z"])
    }

    @Test func aRecordDeletedBeforeItsPathsAreDueRunsNone() async throws {
        let deleting = """
            <recordDeletes><name>Delete_It</name><label>Delete It</label>
              <inputReference>$Record</inputReference>
            </recordDeletes>
            """
        let flow = try T.flow(
            """
            \(deleting)
            <assignments><name>Later</name><label>Later</label></assignments>
            <start>
              <connector><targetReference>Delete_It</targetReference></connector>
              <object>Opportunity</object>
              <recordTriggerType>Create</recordTriggerType>
              <triggerType>RecordAfterSave</triggerType>
              \(Self.path("Tomorrow", to: "Later", "<offsetNumber>1</offsetNumber><offsetUnit>Days</offsetUnit><timeSource>RecordTriggerEvent</timeSource>"))
            </start>
            """)
        let run = try await T.interpreter(flow).triggerWithScheduledPaths(TriggerEvent(record: Self.opportunity(closing: nil)))
        #expect(run.scheduledPaths.count == 1)
        guard case .recordDeleted = run.scheduledPaths.first?.outcome else {
            Issue.record("expected the path not to run, got \(String(describing: run.scheduledPaths.first?.outcome))")
            return
        }
    }

    @Test func thePriorRecordIsTheOneBeforeTheTriggeringUpdate() async throws {
        let remember = """
            <assignments><name>Remember</name><label>Remember</label>
              <assignmentItems><assignToReference>Prior_Stage</assignToReference><operator>Assign</operator><value><elementReference>$Record__Prior.StageName</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Stage</assignToReference><operator>Assign</operator><value><elementReference>$Record.StageName</elementReference></value></assignmentItems>
            </assignments>
            \(T.variable("Prior_Stage", "String"))
            \(T.variable("Stage", "String"))
            """
        let flow = try Self.flow(
            recordTriggerType: "Update",
            paths: Self.path(
                "Soon", to: "Remember",
                "<offsetNumber>30</offsetNumber><offsetUnit>Minutes</offsetUnit><timeSource>RecordTriggerEvent</timeSource>"),
            extra: remember)
        let store = InMemoryRecordStore()
        let id = try await store.create(FlowRecord(objectType: "Opportunity", fields: ["Name": "Rocket fuel", "StageName": "Prospecting"]))
        var record = Self.opportunity(closing: nil)
        record["Id"] = .string(id)
        record["StageName"] = "Qualification"
        var prior = record
        prior["StageName"] = "Prospecting"
        let run = try await T.interpreter(flow, records: store).triggerWithScheduledPaths(TriggerEvent(record: record, prior: prior))
        let path = try #require(run.scheduledPaths.first)
        #expect(path.time?.isoText == "2024-05-01T10:00:00.000Z")
        let outputs = T.outputs(try #require(path.interview))
        #expect(outputs["Prior_Stage"] == "Prospecting")
        #expect(outputs["Stage"] == "Negotiation")
    }

    @Test func aFailedImmediatePathQueuesNothing() async throws {
        let flow = try T.flow(
            """
            <customErrors><name>Refuse</name><label>Refuse</label>
              <customErrorMessages><errorMessage>No rockets</errorMessage><isFieldError>false</isFieldError></customErrorMessages>
            </customErrors>
            <assignments><name>Later</name><label>Later</label></assignments>
            <start>
              <connector><targetReference>Refuse</targetReference></connector>
              <object>Opportunity</object>
              <recordTriggerType>Create</recordTriggerType>
              <triggerType>RecordAfterSave</triggerType>
              \(Self.async.replacingOccurrences(of: "Stamp_Async", with: "Later"))
            </start>
            """)
        let run = try await T.interpreter(flow).triggerWithScheduledPaths(TriggerEvent(record: Self.opportunity(closing: nil)))
        guard case .failed(let error) = run.interview.status else {
            Issue.record("expected the immediate path to fail, it is \(run.interview.status)")
            return
        }
        #expect(error.message == "No rockets")
        #expect(run.scheduledPaths.isEmpty)
    }

    @Test func badScheduledPathsAreLocatedErrors() throws {
        let xml = """
            <?xml version="1.0"?>
            <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <assignments><name>Later</name><label>Later</label></assignments>
            <start>
              <object>Opportunity</object>
              <recordTriggerType>Create</recordTriggerType>
              <triggerType>RecordBeforeSave</triggerType>
              <scheduledPaths><name>Weekly</name><connector><targetReference>Later</targetReference></connector>
                <offsetNumber>1</offsetNumber><offsetUnit>Weeks</offsetUnit><timeSource>RecordTriggerEvent</timeSource></scheduledPaths>
              <scheduledPaths><name>By_Field</name><connector><targetReference>Later</targetReference></connector>
                <offsetNumber>1</offsetNumber><offsetUnit>Hour</offsetUnit><timeSource>RecordField</timeSource></scheduledPaths>
            </start>
            </Flow>
            """
        let (parsed, _) = FlowParser.parse(Array(xml.utf8), path: "bad.xml")
        let flow = try #require(parsed)
        let (validated, diagnostics) = Validator(plugins: .testPlugins).validate(flow)
        #expect(validated == nil)
        let errors = diagnostics.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column) \($0.id) \($0.message)" }
        #expect(
            errors == [
                "8:3 validate.scheduledPathTrigger scheduled paths run only in flows triggered after a record is saved (triggerType RecordAfterSave), not 'RecordBeforeSave'",
                "8:3 validate.scheduledPathUnit 'Weeks' is not a scheduled path offset unit; use Minutes, Hours, Days, Months",
                "10:3 validate.scheduledPathUnit 'Hour' is not a scheduled path offset unit; use Minutes, Hours, Days, Months; did you mean 'Hours'?",
            ])
    }
}
