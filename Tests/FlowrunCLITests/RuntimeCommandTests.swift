import Foundation
import Testing

/// `flowrun run --record/--prior` for record-triggered flows, `--flows` for subflows, and
/// `--no-limits`, through the built executable.
@Suite struct RuntimeCommandTests {
    static let trigger = "Tests/FlowrunCLITests/Fixtures/triggers/Opportunity_Won.flow-meta.xml"

    @Test func beforeSavePrintsTheChangedRecord() throws {
        let result = try CommandLineTests.flowrun([
            "run", Self.trigger, "--format", "json",
            "--record", #"{"Id": "006000000000001AAA", "Name": "Big Deal", "StageName": "Closed Won"}"#,
        ])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                {
                  "outputs" : {

                  },
                  "record" : {
                    "Description" : "Won: Big Deal",
                    "Id" : "006000000000001AAA",
                    "Name" : "Big Deal",
                    "StageName" : "Closed Won"
                  },
                  "status" : "finished"
                }

                """)
    }

    @Test func anUpdateThatWasAlreadyWonDoesNotTrigger() throws {
        let won = #"{"Id": "006000000000001AAA", "Name": "Big Deal", "StageName": "Closed Won"}"#
        let result = try CommandLineTests.flowrun(["run", Self.trigger, "--record", won, "--prior", won])
        #expect(result.status == 0)
        #expect(result.stdout == "Not triggered: the record does not meet the entry conditions.\n")
    }

    @Test func recordOptionsAreCheckedWithReasons() throws {
        let priorOnly = try CommandLineTests.flowrun(["run", Self.trigger, "--prior", "{}"])
        #expect(priorOnly.status == 64)
        #expect(priorOnly.stderr.contains("--prior needs --record (the record after the change)"))
        let notTriggered = try CommandLineTests.flowrun([
            "run", "Tests/FlowrunCoreTests/Fixtures/subflows/Greet.flow-meta.xml", "--record", "{}",
        ])
        #expect(notTriggered.status == 64)
        #expect(
            notTriggered.stderr
                == "flowrun: flow 'Greet' is not triggered by records (its <start> names no <object>), so it takes no --record\n")
        let badJSON = try CommandLineTests.flowrun(["run", Self.trigger, "--record", "{\"Name\": "])
        #expect(badJSON.status == 64)
        #expect(badJSON.stderr.contains("--record: not valid JSON"))
    }

    @Test func userIsTheRunningUsersRecord() throws {
        let result = try CommandLineTests.flowrun([
            "run", "Tests/FlowrunCLITests/Fixtures/whoami.xml", "--records", "flows/data/demo-records.json", "--user", "005000000000001AAA",
        ])
        #expect(result.stderr == "")
        #expect(result.stdout == "Finished.\n  Greeting = Hi Ada\n")
        let unknown = try CommandLineTests.flowrun([
            "run", "Tests/FlowrunCLITests/Fixtures/whoami.xml", "--records", "flows/data/demo-records.json", "--user", "005000000000009AAA",
        ])
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "flowrun: --user: no User record with Id 005000000000009AAA in the records\n")
    }

    @Test func aUserWhoseTimeZoneIsNotOneIsRefused() throws {
        let records = FileManager.default.temporaryDirectory.appendingPathComponent("tz-\(UUID().uuidString).json")
        try Data(#"{"User": [{"Id": "005000000000001AAA", "FirstName": "Ada", "TimeZoneSidKey": "America/Lost_Angeles"}]}"#.utf8)
            .write(to: records)
        defer { try? FileManager.default.removeItem(at: records) }
        let result = try CommandLineTests.flowrun([
            "run", "Tests/FlowrunCLITests/Fixtures/whoami.xml", "--records", records.path, "--user", "005000000000001AAA",
        ])
        #expect(result.status == 64)
        #expect(
            result.stderr
                == "flowrun: --user: User 005000000000001AAA: TimeZoneSidKey \"America/Lost_Angeles\" is not a time zone; use a tz database name such as America/Los_Angeles\n"
        )
    }

    @Test func subflowsComeFromTheFlowsFolder() throws {
        let result = try CommandLineTests.flowrun([
            "run", "Tests/FlowrunCoreTests/Fixtures/subflows/Parent.flow-meta.xml", "--input", "Who=Grace",
        ])
        #expect(result.stderr == "")
        #expect(result.stdout == "Finished.\n  Message = Hello, Grace\n  Second = Hello, Ada\n")
        let elsewhere = try CommandLineTests.flowrun([
            "check", "--flows", "Tests/FlowrunCLITests/Fixtures", "Tests/FlowrunCoreTests/Fixtures/subflows/Parent.flow-meta.xml",
        ])
        #expect(elsewhere.status == 2)
        #expect(elsewhere.stdout.contains("error: needs the flow 'Greet' as a subflow, which is not in Tests/FlowrunCLITests/Fixtures"))
    }
}
