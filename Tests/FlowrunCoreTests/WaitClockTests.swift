import FlowrunCore
import Foundation
import Testing

/// A wait that resumes on a time event moves the interview's clock to the event's time.
@Suite struct WaitClockTests {
    typealias T = InterpreterTests

    static func wait(_ name: String, next: String, alarm: String, offset: String, unit: String) -> String {
        """
        <waits><name>\(name)</name><label>\(name)</label>
          <defaultConnector><targetReference>\(next)</targetReference></defaultConnector>
          <waitEvents><name>\(name)_Event</name><connector><targetReference>\(next)</targetReference></connector>
            <eventType>AlarmEvent</eventType>
            <inputParameters><name>AlarmTime</name><value>\(alarm)</value></inputParameters>
            <inputParameters><name>TimeOffset</name><value><numberValue>\(offset)</numberValue></value></inputParameters>
            <inputParameters><name>TimeOffsetUnit</name><value><stringValue>\(unit)</stringValue></value></inputParameters>
            <label>\(name)</label></waitEvents>
        </waits>
        """
    }

    static func stamp(_ name: String, _ variable: String, next: String? = nil) -> String {
        """
        <assignments><name>\(name)</name><label>\(name)</label>
          \(next.map { "<connector><targetReference>\($0)</targetReference></connector>" } ?? "")
          <assignmentItems><assignToReference>\(variable)</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentDateTime</elementReference></value></assignmentItems>
        </assignments>
        """
    }

    static let now = "<elementReference>$Flow.CurrentDateTime</elementReference>"

    static func date(_ text: String) throws -> FlowValue { .dateTime(try #require(Date(isoText: text))) }

    @Test func eachWaitMovesTheClockToItsEventsTime() async throws {
        let flow = try T.flow(
            """
            \(Self.wait("Ninety_Minutes", next: "After_First", alarm: Self.now, offset: "1.5", unit: "Hours"))
            \(Self.stamp("After_First", "First", next: "Two_Days"))
            \(Self.wait("Two_Days", next: "After_Second", alarm: Self.now, offset: "2", unit: "Days"))
            <assignments><name>After_Second</name><label>After Second</label>
              <assignmentItems><assignToReference>Second</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentDateTime</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Today</assignToReference><operator>Assign</operator><value><elementReference>$Flow.CurrentDate</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Started</assignToReference><operator>Assign</operator><value><elementReference>$Flow.InterviewStartTime</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Ninety_Minutes</targetReference></connector></start>
            \(T.variable("First", "DateTime"))
            \(T.variable("Second", "DateTime"))
            \(T.variable("Today", "Date"))
            \(T.variable("Started", "DateTime"))
            """)
        // The interview starts at 2024-05-01T09:30:00Z.
        let outputs = T.outputs(try await T.interpreter(flow).start())
        #expect(outputs["First"] == (try Self.date("2024-05-01T11:00:00Z")))
        #expect(outputs["Second"] == (try Self.date("2024-05-03T11:00:00Z")))
        #expect(outputs["Today"] == .date(LocalDate(year: 2024, month: 5, day: 3)))
        #expect(outputs["Started"] == (try Self.date("2024-05-01T09:30:00Z")))
    }

    @Test func aTimeAlreadyPastFiresAtOnceAndLeavesTheClock() async throws {
        let flow = try T.flow(
            """
            \(Self.wait("Long_Ago", next: "After", alarm: "<dateTimeValue>2024-04-01T00:00:00.000Z</dateTimeValue>", offset: "1", unit: "Days"))
            \(Self.stamp("After", "Resumed"))
            <start><connector><targetReference>Long_Ago</targetReference></connector></start>
            \(T.variable("Resumed", "DateTime"))
            """)
        let outputs = T.outputs(try await T.interpreter(flow).start())
        #expect(outputs["Resumed"] == (try Self.date("2024-05-01T09:30:00Z")))
    }
}
