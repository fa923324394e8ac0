import Foundation
import Testing

/// `flowrun test`: the shipped flow tests, a failing file, coverage figures and JUnit output.
@Suite struct TestCommandTests {
    @Test func theShippedFlowTestsPassWithFullCoverage() throws {
        let result = try CommandLineTests.flowrun(["test", "flows", "seeds", "--min-coverage", "100"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n6 passed, 0 failed\n"))
        #expect(result.stdout.contains("  flows/sms2fa.xml: 100.0% (elements 10/10, connectors 11/11)\n"))
        #expect(result.stdout.contains("  seeds/SMS_Two_Factor_Login.flow-meta.xml: 100.0% (elements 4/4, connectors 5/5)\n"))
    }

    @Test func failuresShowExpectedAgainstActualWithLocations() throws {
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).xml")
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/failing.flowtest.json", "--junit", junit.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✘ sms2fa: expects the wrong outcome\n"))
        #expect(result.stdout.contains("    output Verified: expected false, got true\n"))
        #expect(result.stdout.contains("    expected 'Not_Sent' to run, but it did not (flows/sms2fa.xml:227:5)\n"))
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
        // The happy path runs 7 of the 10 elements and 7 of the 11 connectors: 14/21.
        #expect(result.stdout.contains("flows/sms2fa.xml: 66.7% (elements 7/10, connectors 7/11)"))
        #expect(result.stdout.contains("    not run: No_Phone, Not_Sent, Note_Wrong_Code\n"))
        #expect(result.stdout.contains("coverage of flows/sms2fa.xml is 66.7%, below the minimum 80.0%"))
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [[String: Any]]
        let summary = try #require(json?.first)
        #expect(summary["missedConnectors"] as? [String] == [
            "Check_Code->Note_Wrong_Code", "Has_Mobile->No_Phone", "Note_Wrong_Code->Send_Code", "Was_Sent->Not_Sent",
        ])
    }
}

extension TestCommandTests {
    @Test func graphColoursWhatATestRunHitAndMissed() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).json")
        _ = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/happy-path.flowtest.json", "--coverage", report.path])
        let dot = try CommandLineTests.flowrun(["graph", "flows/sms2fa.xml", "--coverage", report.path])
        #expect(dot.status == 0)
        #expect(dot.stdout.contains(##""Grant_Access" [label="Grant Access", shape=box, style="rounded,filled", fillcolor="#fff3e0", color="#2e7d32", penwidth=2];"##))
        #expect(dot.stdout.contains(##""Not_Sent" [label="Code Not Sent", shape=note, style=filled, fillcolor="#e8f5e9", color="#c62828", fontcolor="#c62828", penwidth=2];"##))
        #expect(dot.stdout.contains(##""Was_Sent" -> "Not_Sent" [label="Send Failed", color="#9e9e9e"];"##))
        #expect(dot.stdout.contains(##""Was_Sent" -> "Enter_Code" [label="Sent"];"##))
        let mermaid = try CommandLineTests.flowrun(["graph", "--format", "mermaid", "flows/sms2fa.xml", "--coverage", report.path])
        #expect(mermaid.stdout.contains("    class Note_Wrong_Code,No_Phone,Not_Sent missed\n"))
        let wrongFlow = try CommandLineTests.flowrun(["graph", "seeds/SMS_Two_Factor_Login.flow-meta.xml", "--coverage", report.path])
        #expect(wrongFlow.status == 64)
        #expect(wrongFlow.stderr.contains("has no coverage for seeds/SMS_Two_Factor_Login.flow-meta.xml"))
    }
}
