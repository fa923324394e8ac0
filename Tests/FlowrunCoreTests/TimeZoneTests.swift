import FlowrunCore
import Foundation
import Testing

/// Dates in the running user's time zone, and in the org's for automated runs.
///
/// Sources: Salesforce stores a Date/Time in GMT and shows it "in the time zone of the user viewing
/// it" (Salesforce Help, *Using Date, Date/Time, and Time Values in Formulas*); TODAY() and
/// `$Flow.CurrentDate` are that user's current date, and DATEVALUE of a Date/Time in a flow gives
/// the user's date (Eric Smith, ConvertDateToDatetimeFlowAction README: "If {!datetimeValue} =
/// 7/22/2020 5:00 PM then the formula will return July 22, 2020", in Portland, Maine, GMT−4).
/// Scheduled paths run as the Automated Process user, in the org's default time zone
/// (`Organization.TimeZoneSidKey`). The time zone database is Foundation's (IANA tz).
@Suite struct TimeZoneTests {
    static func zone(_ id: String) throws -> TimeZone { try #require(TimeZone(identifier: id)) }
    static func instant(_ text: String) throws -> Date { try #require(Date(isoText: text)) }

    static func evaluate(_ formula: String, at now: String, in zoneName: String, _ values: [String: FlowValue] = [:]) throws -> FlowValue {
        try evaluateBothWays(
            Formula.parse(formula), in: DictionaryFormulaEnvironment(values, now: try instant(now), timeZone: try zone(zoneName)))
    }

    @Test func datevalueOfADateTimeIsTheUsersDate() throws {
        // 2020-07-22 5:00 PM in Portland, Maine (EDT, GMT−4) is 21:00 GMT: July 22 there.
        let fivePM: FlowValue = .dateTime(try Self.instant("2020-07-22T21:00:00.000Z"))
        #expect(
            try Self.evaluate("DATEVALUE(D)", at: "2020-07-22T21:00:00.000Z", in: "America/New_York", ["D": fivePM])
                == .date(LocalDate(year: 2020, month: 7, day: 22)))
        // The same instant is already July 23 in Tokyo (GMT+9).
        #expect(
            try Self.evaluate("DATEVALUE(D)", at: "2020-07-22T21:00:00.000Z", in: "Asia/Tokyo", ["D": fivePM])
                == .date(LocalDate(year: 2020, month: 7, day: 23)))
    }

    @Test func todayTurnsAtTheUsersMidnight() throws {
        // 2024-05-01 06:59 GMT is 23:59 on April 30 in Los Angeles (PDT, GMT−7); a minute later it is May 1.
        #expect(
            try Self.evaluate("TODAY()", at: "2024-05-01T06:59:00.000Z", in: "America/Los_Angeles")
                == .date(LocalDate(year: 2024, month: 4, day: 30)))
        #expect(
            try Self.evaluate("TODAY()", at: "2024-05-01T07:00:00.000Z", in: "America/Los_Angeles")
                == .date(LocalDate(year: 2024, month: 5, day: 1)))
        // Without a time zone, UTC.
        #expect(
            try evaluateBothWays(
                Formula.parse("TODAY()"), in: DictionaryFormulaEnvironment(now: try Self.instant("2024-05-01T06:59:00.000Z")))
                == .date(LocalDate(year: 2024, month: 5, day: 1)))
    }

    @Test func daylightSavingChangesMoveMidnight() throws {
        // New York leaves EDT (GMT−4) at 06:00 GMT on 2024-11-03. 04:30 GMT is still EDT: 00:30 on
        // November 3. A fixed GMT−5 offset would say 23:30 on November 2.
        #expect(
            try Self.evaluate("TODAY()", at: "2024-11-03T04:30:00.000Z", in: "America/New_York")
                == .date(LocalDate(year: 2024, month: 11, day: 3)))
        // It enters EDT at 07:00 GMT on 2024-03-10; 04:30 GMT is 23:30 EST on March 9.
        #expect(
            try Self.evaluate("TODAY()", at: "2024-03-10T04:30:00.000Z", in: "America/New_York")
                == .date(LocalDate(year: 2024, month: 3, day: 9)))
        // London leaves BST (GMT+1) at 01:00 GMT on 2024-10-27; 23:30 GMT on October 26 is 00:30 BST on October 27.
        #expect(
            try Self.evaluate("TODAY()", at: "2024-10-26T23:30:00.000Z", in: "Europe/London")
                == .date(LocalDate(year: 2024, month: 10, day: 27)))
    }

    static func validated(_ body: String, settings: String) throws -> ValidatedFlow {
        let xml = "<?xml version=\"1.0\"?>\n<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\(body)\n</Flow>\n"
        let (parsed, parseDiagnostics) = FlowParser.parse(Array(xml.utf8), path: "inline.xml")
        let flow = try #require(parsed, "\(parseDiagnostics)")
        let org = try OrgSettings(data: Data(settings.utf8))
        let (validated, diagnostics) = Validator(plugins: .testPlugins, settings: org).validate(flow)
        return try #require(validated, "\(diagnostics.map(\.message))")
    }

    static let organizationInLosAngeles = #"{"organization": {"Id": "00D000000000001AAA", "TimeZoneSidKey": "America/Los_Angeles"}}"#
    static let userInTokyo = FlowRecord(objectType: "User", fields: ["Id": "005000000000001AAA", "TimeZoneSidKey": "Asia/Tokyo"])

    @Test func flowCurrentDateIsTheRunningUsersThenTheOrgsThenUTC() async throws {
        let flow = try Self.validated(
            """
            <start><connector><targetReference>Stamp</targetReference></connector></start>
            <assignments><name>Stamp</name><label>Stamp</label>
              <assignmentItems><assignToReference>Today</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentDate</elementReference></value></assignmentItems>
            </assignments>
            \(InterpreterTests.variable("Today", "Date"))
            """, settings: Self.organizationInLosAngeles)
        // 2024-05-01 02:00 GMT: 11:00 on May 1 in Tokyo, 19:00 on April 30 in Los Angeles.
        let clock = ManualClock(try Self.instant("2024-05-01T02:00:00.000Z"))
        func today(user: FlowRecord?) async throws -> FlowValue? {
            let services = FlowServices(
                records: InMemoryRecordStore(), clock: clock, random: SeededRandomSource(seed: 7), runningUser: user)
            return InterpreterTests.outputs(try await Interpreter(flow: flow, services: services).start())["Today"]
        }
        #expect(try await today(user: Self.userInTokyo) == .date(LocalDate(year: 2024, month: 5, day: 1)))
        // A user with no TimeZoneSidKey: the org's default.
        #expect(
            try await today(user: FlowRecord(objectType: "User", fields: ["Id": "005000000000002AAA"]))
                == .date(LocalDate(year: 2024, month: 4, day: 30)))
    }

    @Test func aScheduledPathReadsDatesInTheOrgsTimeZone() async throws {
        // The immediate path runs as the user who saved the record (Tokyo); the asynchronous path
        // as the Automated Process user, in the org's default time zone (Los Angeles).
        func stamp(_ name: String, _ field: String) -> String {
            """
            <recordUpdates><name>\(name)</name><label>\(name)</label>
              <filterLogic>and</filterLogic>
              <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
              <inputAssignments><field>\(field)</field><value><elementReference>$Flow.CurrentDate</elementReference></value></inputAssignments>
              <object>Opportunity</object>
            </recordUpdates>
            """
        }
        let flow = try Self.validated(
            """
            <apiVersion>60.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            \(stamp("Stamp_Now", "Today_Now"))
            \(stamp("Stamp_Async", "Today_Async"))
            <start>
              <connector><targetReference>Stamp_Now</targetReference></connector>
              <object>Opportunity</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordAfterSave</triggerType>
              <scheduledPaths><connector><targetReference>Stamp_Async</targetReference></connector><pathType>AsyncAfterCommit</pathType></scheduledPaths>
            </start>
            """, settings: Self.organizationInLosAngeles)
        let store = InMemoryRecordStore()
        let services = FlowServices(
            records: store, clock: ManualClock(try Self.instant("2024-05-01T02:00:00.000Z")), random: SeededRandomSource(seed: 7),
            runningUser: Self.userInTokyo)
        _ = try await Interpreter(flow: flow, services: services).triggerWithScheduledPaths(
            TriggerEvent(record: FlowRecord(fields: ["Name": "Rocket fuel"])))
        let saved = try #require(try await store.query(RecordQuery(object: "Opportunity")).first)
        #expect(saved["Today_Now"] == .date(LocalDate(year: 2024, month: 5, day: 1)))
        #expect(saved["Today_Async"] == .date(LocalDate(year: 2024, month: 4, day: 30)))
    }

    @Test func aScheduledPathFromADateFieldCountsFromTheOrgsMidnight() async throws {
        // "1 day before CloseDate" with CloseDate 2024-05-10 and the org in Los Angeles (PDT,
        // GMT−7): midnight of May 9 there, 07:00 GMT.
        let flow = try Self.validated(
            """
            <apiVersion>60.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            <assignments><name>Noop</name><label>Noop</label>
              <assignmentItems><assignToReference>$Record.Description</assignToReference><operator>Assign</operator><value><stringValue>seen</stringValue></value></assignmentItems>
            </assignments>
            <start>
              <object>Opportunity</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordAfterSave</triggerType>
              <scheduledPaths><name>Day_Before_Close</name><connector><targetReference>Noop</targetReference></connector><label>Day Before Close</label>
                <offsetNumber>-1</offsetNumber><offsetUnit>Days</offsetUnit><recordField>CloseDate</recordField><timeSource>RecordField</timeSource></scheduledPaths>
            </start>
            """, settings: Self.organizationInLosAngeles)
        let services = FlowServices(
            records: InMemoryRecordStore(), clock: ManualClock(try Self.instant("2024-05-01T02:00:00.000Z")),
            random: SeededRandomSource(seed: 7))
        let run = try await Interpreter(flow: flow, services: services).triggerWithScheduledPaths(
            TriggerEvent(record: FlowRecord(fields: ["Name": "Rocket fuel", "CloseDate": .date(LocalDate(year: 2024, month: 5, day: 10))])))
        let path = try #require(run.scheduledPaths.first)
        #expect(path.time == (try Self.instant("2024-05-09T07:00:00.000Z")))
    }

    @Test func aSettingsFileWithAnUnknownTimeZoneIsRefused() {
        #expect(
            throws: RecordFixtureError(
                source: "settings",
                message:
                    #""organization": TimeZoneSidKey "Pacific Time" is not a time zone; use a tz database name such as America/Los_Angeles"#
            )
        ) {
            _ = try OrgSettings(data: Data(#"{"organization": {"TimeZoneSidKey": "Pacific Time"}}"#.utf8))
        }
    }
}
