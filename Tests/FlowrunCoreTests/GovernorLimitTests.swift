import FlowrunCore
import Foundation
import Testing

/// Salesforce's per-transaction limits, counted as the org counts them and reported with its
/// `System.LimitException` messages; no fault connector catches them; a screen starts afresh.
@Suite struct GovernorLimitTests {
    /// A flow that runs `body` (an element named `Work`, going back to `Count_Up`) `times` times.
    static func looping(times: Int, body: String, apiVersion: String = "60.0", extra: String = "") throws -> ValidatedFlow {
        try InterpreterTests.flow(
            """
            <apiVersion>\(apiVersion)</apiVersion>
            <assignments><name>Count_Up</name><label>Count Up</label>
              <assignmentItems><assignToReference>Done</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
              <connector><targetReference>Again</targetReference></connector>
            </assignments>
            <decisions><name>Again</name><label>Again</label>
              <rules><name>More</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Done</leftValueReference><operator>LessThanOrEqualTo</operator><rightValue><numberValue>\(times)</numberValue></rightValue></conditions>
                <connector><targetReference>Work</targetReference></connector></rules>
            </decisions>
            \(body)
            <start><connector><targetReference>Count_Up</targetReference></connector></start>
            \(InterpreterTests.variable("Done", "Number", value: "<numberValue>0</numberValue>"))
            \(extra)
            """)
    }

    static let lookup = """
        <recordLookups><name>Work</name><label>Work</label><object>Account</object>
          <connector><targetReference>Count_Up</targetReference></connector>
          <faultConnector><targetReference>Count_Up</targetReference></faultConnector>
          <getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
        </recordLookups>
        """

    static func run(_ flow: ValidatedFlow, limits: Bool = true, records: any RecordStore = InMemoryRecordStore()) async throws -> Interview
    {
        let interpreter = Interpreter(
            flow: flow,
            services: FlowServices(records: records, clock: ManualClock(InterpreterTests.start), random: SeededRandomSource(seed: 7)),
            configuration: InterpreterConfiguration(enforcesGovernorLimits: limits))
        return try await interpreter.start()
    }

    static func failure(_ interview: Interview) -> FlowRuntimeError? {
        if case .failed(let error) = interview.status { return error }
        return nil
    }

    @Test func the101stQueryFailsEvenWithAFaultConnector() async throws {
        let flow = try Self.looping(times: 101, body: Self.lookup)
        let error = try #require(Self.failure(try await Self.run(flow)))
        #expect(error.kind == .limitExceeded)
        #expect(error.message == "System.LimitException: Too many SOQL queries: 101")
        #expect(error.elementName == "Work")
        #expect(error.location?.line == 13)
    }

    @Test func oneHundredQueriesAreAllowed() async throws {
        let flow = try Self.looping(times: 100, body: Self.lookup)
        #expect(InterpreterTests.outputs(try await Self.run(flow))["Done"] == .number(101))
    }

    @Test func limitsCanBeSwitchedOff() async throws {
        let flow = try Self.looping(times: 101, body: Self.lookup)
        #expect(InterpreterTests.outputs(try await Self.run(flow, limits: false))["Done"] == .number(102))
    }

    @Test func the151stDMLStatementFails() async throws {
        let create = """
            <recordCreates><name>Work</name><label>Work</label><object>Task</object>
              <connector><targetReference>Count_Up</targetReference></connector>
              <inputAssignments><field>Subject</field><value><stringValue>Call</stringValue></value></inputAssignments>
            </recordCreates>
            """
        let flow = try Self.looping(times: 151, body: create)
        let error = try #require(Self.failure(try await Self.run(flow)))
        #expect(error.message == "System.LimitException: Too many DML statements: 151")
        #expect(error.elementName == "Work")
    }

    @Test func queryRowsAreCountedAcrossQueries() async throws {
        let store = InMemoryRecordStore()
        for index in 0..<501 { _ = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": .string("A\(index)")])) }
        let lookupAll = """
            <recordLookups><name>Work</name><label>Work</label><object>Account</object>
              <connector><targetReference>Count_Up</targetReference></connector>
              <getFirstRecordOnly>false</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
            </recordLookups>
            """
        // 501 rows a query: 99 queries retrieve 49,599 rows, the 100th brings the total to 50,100.
        let flow = try Self.looping(times: 100, body: lookupAll)
        let error = try #require(Self.failure(try await Self.run(flow, records: store)))
        #expect(error.message == "System.LimitException: Too many query rows: 50100")
        #expect(InterpreterTests.outputs(try await Self.run(flow, limits: false, records: store))["Done"] == .number(101))
    }

    @Test func olderFlowsStopAfter2000ExecutedElements() async throws {
        let assign = """
            <assignments><name>Work</name><label>Work</label>
              <assignmentItems><assignToReference>Done</assignToReference><operator>Add</operator><value><numberValue>0</numberValue></value></assignmentItems>
              <connector><targetReference>Count_Up</targetReference></connector>
            </assignments>
            """
        // Three elements a round: round 667 starts with element 1,999 and its third is the 2,001st.
        let old = try Self.looping(times: 700, body: assign, apiVersion: "56.0")
        let error = try #require(Self.failure(try await Self.run(old)))
        #expect(error.kind == .limitExceeded)
        #expect(error.message.hasPrefix("Number of iterations exceeded"))
        let current = try Self.looping(times: 700, body: assign, apiVersion: "57.0")
        #expect(InterpreterTests.outputs(try await Self.run(current))["Done"] == .number(701))
    }

    @Test func aScreenStartsANewTransaction() async throws {
        // 60 queries, a screen, 60 more: 120 in the interview but never over 100 in one transaction.
        let flow = try InterpreterTests.flow(
            """
            <apiVersion>60.0</apiVersion>
            <assignments><name>Count_Up</name><label>Count Up</label>
              <assignmentItems><assignToReference>Done</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
              <connector><targetReference>Again</targetReference></connector>
            </assignments>
            <decisions><name>Again</name><label>Again</label>
              <defaultConnector><targetReference>Pause</targetReference></defaultConnector>
              <rules><name>More</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Done</leftValueReference><operator>LessThanOrEqualTo</operator><rightValue><numberValue>60</numberValue></rightValue></conditions>
                <connector><targetReference>Work</targetReference></connector></rules>
              <rules><name>Second_Round</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Done</leftValueReference><operator>LessThanOrEqualTo</operator><rightValue><numberValue>121</numberValue></rightValue></conditions>
                <conditions><leftValueReference>Done</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>61</numberValue></rightValue></conditions>
                <connector><targetReference>Work</targetReference></connector></rules>
            </decisions>
            <screens><name>Pause</name><label>Pause</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause>
              <connector><targetReference>After_Pause</targetReference></connector>
              <fields><name>Note</name><fieldText>Half way</fieldText><fieldType>DisplayText</fieldType></fields>
            </screens>
            <decisions><name>After_Pause</name><label>After Pause</label>
              <rules><name>Not_Yet</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Done</leftValueReference><operator>LessThan</operator><rightValue><numberValue>100</numberValue></rightValue></conditions>
                <connector><targetReference>Count_Up</targetReference></connector></rules>
            </decisions>
            \(Self.lookup)
            <start><connector><targetReference>Count_Up</targetReference></connector></start>
            \(InterpreterTests.variable("Done", "Number", value: "<numberValue>0</numberValue>"))
            """)
        let interpreter = Interpreter(
            flow: flow,
            services: FlowServices(
                records: InMemoryRecordStore(), clock: ManualClock(InterpreterTests.start), random: SeededRandomSource(seed: 7)))
        var interview = try await interpreter.start()
        #expect(interview.status.prompt?.elementName == "Pause")
        #expect(interview.value(of: "Done") == .number(61))
        await interpreter.resume(&interview, answers: [:])
        #expect(interview.status.prompt?.elementName == "Pause")
        #expect(interview.value(of: "Done") == .number(122))
    }
}
