import Foundation
import Testing

/// `flowrun run --record` and `flowrun test` with scheduled paths, and a wait that moves the clock.
@Suite struct ScheduledPathCommandTests {
    static let folder = "Tests/FlowrunCLITests/Fixtures/scheduled"
    static let flow = folder + "/Opportunity_Follow_Up.flow-meta.xml"
    static let record = #"{"Id": "006000000000001AAA", "Name": "Rocket fuel", "StageName": "Prospecting", "CloseDate": "2024-05-10"}"#

    @Test func runSaysWhichScheduledPathsRanAndWhen() throws {
        let result = try CommandLineTests.flowrun(
            ["run", Self.flow, "--records", Self.folder + "/records.json", "--now", "2024-05-01T09:30:00Z", "--record", Self.record])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Finished.\n"))
        #expect(
            result.stdout.hasSuffix(
                """
                Scheduled path AsyncAfterCommit ran at 2024-05-01T09:30:00.000Z: finished.
                Scheduled path Check_In ran at 2024-05-04T09:30:00.000Z: finished.
                Scheduled path Remind_Before_Close ran at 2024-05-09T00:00:00.000Z: finished.

                """), "\(result.stdout)")
    }

    @Test func aPathWithAnEmptyFieldIsNotScheduled() throws {
        let record = #"{"Id": "006000000000002AAA", "Name": "Launch pad", "StageName": "Prospecting"}"#
        let result = try CommandLineTests.flowrun(
            [
                "run", Self.flow, "--records", Self.folder + "/records.json", "--now", "2024-05-01T09:30:00Z", "--record", record,
                "--format", "json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""name" : "Remind_Before_Close","#))
        #expect(result.stdout.contains(#""reason" : "CloseDate is empty","#))
        #expect(result.stdout.contains(#""status" : "notScheduled""#))
        #expect(result.stdout.contains(#""time" : "2024-05-04T09:30:00.000Z""#))
    }

    @Test func noScheduledPathsRunsTheImmediatePathAlone() throws {
        let result = try CommandLineTests.flowrun(
            ["run", Self.flow, "--records", Self.folder + "/records.json", "--record", Self.record, "--no-scheduled-paths", "--trace"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Finished.\n"))
        #expect(!result.stdout.contains("Scheduled path"))
        #expect(result.stderr.contains("Create_Welcome_Task (recordCreates)"))
        #expect(!result.stderr.contains("Stamp_Synced"))
    }

    @Test func theTraceMarksWhereEachPathBegins() throws {
        let result = try CommandLineTests.flowrun(
            [
                "run", Self.flow, "--records", Self.folder + "/records.json", "--now", "2024-05-01T09:30:00Z", "--record", Self.record,
                "--trace",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trace: scheduled path Check_In at 2024-05-04T09:30:00.000Z\n"))
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("scheduled path") || $0.contains("(recordUpdates)") }
        #expect(lines.count == 6)
        #expect(lines.first?.hasSuffix("scheduled path AsyncAfterCommit at 2024-05-01T09:30:00.000Z") == true)
        #expect(lines.last?.contains("Stamp_Reminder (recordUpdates)") == true)
    }

    @Test func flowTestsAssertTheScheduledPathsAndTheWaitsClock() throws {
        let result = try CommandLineTests.flowrun(["test", Self.folder])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\n3 passed, 0 failed\n"), "\(result.stdout)")
        // The start's connectors to the three paths count, and each path's elements were reached.
        #expect(result.stdout.contains("Opportunity_Follow_Up.flow-meta.xml: 100.0% (elements 5/5, connectors 5/5)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("Wait_Then_Stamp.flow-meta.xml: 100.0% (elements 2/2, connectors 2/2)\n"), "\(result.stdout)")
    }

    @Test func aWrongScheduledPathExpectationSaysWhatRan() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-scheduled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = Project.root.path
        let test = """
            {
              "flow": "\(root)/\(Self.flow)",
              "records": "\(root)/\(Self.folder)/records.json",
              "tests": [ {
                "name": "expects the wrong paths",
                "record": { "Id": "006000000000002AAA", "Name": "Launch pad", "StageName": "Prospecting" },
                "expect": { "scheduledPaths": [ "Check_In", { "name": "Remind_Before_Close", "at": "2024-05-09T00:00:00Z" } ] }
              } ]
            }
            """
        try Data(test.utf8).write(to: directory.appendingPathComponent("wrong.flowtest.json"))
        let result = try CommandLineTests.flowrun(["test", directory.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "scheduled paths: expected [Check_In, Remind_Before_Close] to run, got [AsyncAfterCommit, Check_In] (not run: Remind_Before_Close: CloseDate is empty)"
            ),
            "\(result.stdout)")
    }
}
