import Foundation
import Testing

/// `flowrun test`: the shipped flow tests, a failing file, coverage figures and JUnit output.
@Suite struct TestCommandTests {
    @Test func theShippedFlowTestsPassWithFullCoverage() throws {
        let result = try CommandLineTests.flowrun(["test", "flows", "seeds", "--min-coverage", "100"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n36 passed, 0 failed\n"))
        #expect(result.stdout.contains("  flows/login2fa.xml: 100.0% (elements 43/43, connectors 58/58)\n"))
        #expect(result.stdout.contains("  flows/sms2fa.xml: 100.0% (elements 31/31, connectors 38/38)\n"))
        #expect(result.stdout.contains("  seeds/SMS_Two_Factor_Login.flow-meta.xml: 100.0% (elements 4/4, connectors 5/5)\n"))
    }

    @Test func recordTriggeredFlowsAreTestedWithARecordChange() throws {
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/triggers"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✔ Opportunity_Won: a deal that closes won is described before it is saved\n"))
        #expect(result.stdout.contains("✔ Opportunity_Won: a deal that was already won does not run the flow again\n"))
        #expect(result.stdout.contains("\n3 passed, 0 failed\n"))
    }

    @Test func aWrongTriggerRecordExpectationFailsWithBothValues() throws {
        let test = FileManager.default.temporaryDirectory.appendingPathComponent("won-\(UUID().uuidString).flowtest.json")
        let flow = FileManager.default.currentDirectoryPath + "/Tests/FlowrunCLITests/Fixtures/triggers/Opportunity_Won.flow-meta.xml"
        try Data(
            """
            {"flow": "\(flow)", "tests": [{"name": "wrong", "record": {"Name": "Acme", "StageName": "Closed Won"},
             "expect": {"triggerRecord": {"Description": "Lost: Acme"}}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let result = try CommandLineTests.flowrun(["test", test.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#"$Record.Description: expected "Lost: Acme", got "Won: Acme""#))
    }

    @Test func recordsAFlowCreatedAreFoundByTheirFieldsAndCounted() throws {
        let test = FileManager.default.temporaryDirectory.appendingPathComponent("created-\(UUID().uuidString).flowtest.json")
        let flow = FileManager.default.currentDirectoryPath + "/Tests/FlowrunCLITests/Fixtures/triggers/Opportunity_Won.flow-meta.xml"
        // The before-save flow saves a new Opportunity, whose Id the test cannot know.
        try Data(
            """
            {"flow": "\(flow)",
             "records": {"Opportunity": [{"Id": "006000000000001AAA", "Name": "Globex", "StageName": "Prospecting"}]},
             "tests": [
              {"name": "found", "record": {"Name": "Acme", "StageName": "Closed Won"},
               "expect": {"records": [{"object": "Opportunity", "fields": {"Name": "Acme", "Description": "Won: Acme"}},
                                      {"object": "Opportunity", "fields": {"Name": "Globex", "Description": null}}],
                          "recordCounts": {"Opportunity": 2, "Task": 0}}},
              {"name": "missed", "record": {"Name": "Acme", "StageName": "Closed Won"},
               "expect": {"records": [{"object": "Opportunity", "fields": {"Name": "Acme"}},
                                      {"object": "Opportunity", "fields": {"Name": "Acme"}}],
                          "recordCounts": {"Opportunity": 1}}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let result = try CommandLineTests.flowrun(["test", test.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✔ Opportunity_Won: found\n"))
        #expect(result.stdout.contains("✘ Opportunity_Won: missed\n"))
        // Each expectation without an Id needs a record of its own: there is one Acme, not two.
        #expect(
            result.stdout.contains(
                #"    record Opportunity with {"Name":"Acme"}: no record has these fields (2 Opportunity records, 1 matched by an expectation before)"#
            ))
        #expect(result.stdout.contains("    records of Opportunity: expected 1, got 2\n"))
    }

    @Test func userIsTheRunningUserAsWithRunUser() throws {
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/user"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✔ whoami: the file's user is $User\n"))
        #expect(result.stdout.contains("✔ whoami: a test's user replaces the file's\n"))

        let test = FileManager.default.temporaryDirectory.appendingPathComponent("nobody-\(UUID().uuidString).flowtest.json")
        let directory = FileManager.default.currentDirectoryPath
        try Data(
            """
            {"flow": "\(directory)/Tests/FlowrunCLITests/Fixtures/whoami.xml", "records": "\(directory)/flows/data/demo-records.json",
             "tests": [{"name": "nobody", "user": "005000000000009AAA", "expect": {"status": "finished"}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let unknown = try CommandLineTests.flowrun(["test", test.path])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("    user: no User record with Id 005000000000009AAA in the records\n"))
    }

    @Test func outputsReadFieldsOfRecordsByPathAndARecordNotFoundFailsTheReader() throws {
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/lookups"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✔ Account_Phone: a field of the record found is an output by its path\n"))
        #expect(result.stdout.contains("✔ Account_Phone: a field of a record not found fails the element that reads it\n"))
        #expect(result.stdout.contains("\n2 passed, 0 failed\n"))

        let test = FileManager.default.temporaryDirectory.appendingPathComponent("path-\(UUID().uuidString).flowtest.json")
        let flow = FileManager.default.currentDirectoryPath + "/Tests/FlowrunCLITests/Fixtures/lookups/Account_Phone.flow-meta.xml"
        try Data(
            """
            {"flow": "\(flow)", "records": {"Account": [{"Name": "Acme", "Phone": "+15555550123"}]},
             "tests": [{"name": "wrong", "inputs": {"AccountName": "Acme"}, "expect": {"outputs": {"Get_Account.Phone": "+15555550199"}}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let wrong = try CommandLineTests.flowrun(["test", test.path])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains(#"    output Get_Account.Phone: expected "+15555550199", got "+15555550123""#))
    }

    @Test func anAnswerToAFieldTheScreenDoesNotHaveFailsTheTest() throws {
        let test = FileManager.default.temporaryDirectory.appendingPathComponent("typo-\(UUID().uuidString).flowtest.json")
        let flow = FileManager.default.currentDirectoryPath + "/examples/Order_Discount.flow-meta.xml"
        try Data(
            """
            {"flow": "\(flow)", "tests": [{"name": "typo", "screens": [{"screen": "Ask_Order", "answers": {"Amount": "99", "Teir": "Gold"}}],
             "expect": {"status": "screen"}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let result = try CommandLineTests.flowrun(["test", test.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("screen answer 1 names 'Teir', which is not a field of 'Ask_Order' ("))
        #expect(result.stdout.contains("; its fields: Amount, Tier\n"))
    }

    @Test func failuresShowExpectedAgainstActualWithLocations() throws {
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).xml")
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/failing.flowtest.json", "--junit", junit.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✘ sms2fa: expects the wrong outcome\n"))
        #expect(result.stdout.contains("    output Verified: expected false, got true\n"))
        #expect(result.stdout.contains("    expected 'Not_Sent' to run, but it did not (flows/sms2fa.xml:920:5)\n"))
        #expect(result.stdout.contains("    record User 005000000000001AAA MobilePhone: expected \"+15555550199\", got \"+15555550100\"\n"))
        #expect(result.stdout.contains("✔ sms2fa: happy path only\n"))
        #expect(result.stdout.contains("\n1 passed, 1 failed\n"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<testsuites name=\"flowrun\" tests=\"2\" failures=\"1\">"))
        #expect(xml.contains("<failure message=\"output Verified: expected false, got true\">"))
    }

    @Test func coverageCountsTheElementsAndConnectorsTaken() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).json")
        let result = try CommandLineTests.flowrun([
            "test", "Tests/FlowrunCLITests/Fixtures/happy-path.flowtest.json", "--coverage", report.path, "--min-coverage", "80",
        ])
        // The happy path runs 16 of the 31 elements and 16 of the 38 connectors: 32/69.
        #expect(result.stdout.contains("flows/sms2fa.xml: 46.4% (elements 16/31, connectors 16/38)"))
        #expect(
            result.stdout.contains(
                "    not run: Ask_Phone, Is_Last_Try, Lock_Out, Locked_Out, No_Phone, No_Such_User, Not_Sent, Note_Expired, Note_Resend, Note_Used, Note_Wrong_Code, Number_Given, Record_Failure, Save_Phone, Send_Limit_Reached\n"
            ))
        #expect(result.stdout.contains("coverage of flows/sms2fa.xml is 46.4%, below the minimum 80.0%"))
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [[String: Any]]
        let summary = try #require(json?.first)
        #expect(
            summary["missedConnectors"] as? [String] == [
                "Ask_Phone->Number_Given", "Check_Code->Is_Last_Try", "Check_Pending_Code->Locked_Out", "Check_Pending_Code->Note_Expired",
                "Check_Pending_Code->Note_Used", "Check_Send_Limit->Send_Limit_Reached", "Has_Mobile->Ask_Phone",
                "Is_Last_Try->Lock_Out", "Is_Last_Try->Record_Failure", "Is_Locked_Out->Locked_Out", "Is_Locked_Out->No_Such_User",
                "Lock_Out->Get_User",
                "Note_Expired->Get_User", "Note_Resend->Get_User", "Note_Used->Get_User", "Note_Wrong_Code->Get_User",
                "Number_Given->No_Phone", "Number_Given->Save_Phone", "Record_Failure->Note_Wrong_Code", "Save_Phone->Get_User",
                "Wants_New_Code->Note_Resend", "Was_Sent->Not_Sent",
            ])
    }
}

extension TestCommandTests {
    @Test func graphColoursWhatATestRunHitAndMissed() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).json")
        _ = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/happy-path.flowtest.json", "--coverage", report.path])
        let dot = try CommandLineTests.flowrun(["graph", "flows/sms2fa.xml", "--coverage", report.path])
        #expect(dot.status == 0)
        #expect(
            dot.stdout.contains(
                ##""Grant_Access" [label="Grant Access", shape=box, style="rounded,filled", fillcolor="#fff3e0", color="#2e7d32", penwidth=2];"##
            ))
        #expect(
            dot.stdout.contains(
                ##""Not_Sent" [label="Code Not Sent", shape=note, style=filled, fillcolor="#e8f5e9", color="#c62828", fontcolor="#c62828", penwidth=2];"##
            ))
        #expect(dot.stdout.contains(##""Was_Sent" -> "Not_Sent" [label="Send Failed", color="#9e9e9e"];"##))
        #expect(dot.stdout.contains(##""Was_Sent" -> "Save_Code" [label="Sent"];"##))
        let mermaid = try CommandLineTests.flowrun(["graph", "--format", "mermaid", "flows/sms2fa.xml", "--coverage", report.path])
        #expect(
            mermaid.stdout.contains(
                "    class Note_Expired,Note_Resend,Note_Used,Note_Wrong_Code,Is_Last_Try,Number_Given,Lock_Out,Record_Failure,Save_Phone,Ask_Phone,Locked_Out,No_Phone,No_Such_User,Not_Sent,Send_Limit_Reached missed\n"
            ))
        let wrongFlow = try CommandLineTests.flowrun(["graph", "seeds/SMS_Two_Factor_Login.flow-meta.xml", "--coverage", report.path])
        #expect(wrongFlow.status == 64)
        #expect(wrongFlow.stderr.contains("has no coverage for seeds/SMS_Two_Factor_Login.flow-meta.xml"))
    }
}

/// `flowrun test` answering a screen whose component raises an event that runs a screen action.
@Suite struct ScreenActionCommandTests {
    @Test func anAnswerFileRaisesAComponentEventAndTheSameScreenComesBack() throws {
        let test = FileManager.default.temporaryDirectory.appendingPathComponent("screen-action-\(UUID().uuidString).flowtest.json")
        let flow = FileManager.default.currentDirectoryPath + "/Tests/FlowrunCoreTests/Fixtures/subflows/ScreenActionCaller.flow-meta.xml"
        try Data(
            """
            {"flow": "\(flow)", "tests": [{"name": "clicking Greet shows the greeting, then Next goes on",
              "screens": [{"screen": "Ask", "answers": {"Who": "Ada", "Greet_Button.click": true}},
                          {"screen": "Ask", "answers": {"Who": "Ada"}}],
              "expect": {"status": "finished", "outputs": {"Said": "Hello, Ada", "Succeeded": true, "Welcomed": "Hello, visitor"}}}]}
            """.utf8
        ).write(to: test)
        defer { try? FileManager.default.removeItem(at: test) }
        let result = try CommandLineTests.flowrun(["test", test.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 passed, 0 failed"))
    }
}
