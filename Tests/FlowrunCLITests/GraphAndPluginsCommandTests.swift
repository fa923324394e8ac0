import Foundation
import Testing

/// `flowrun graph` and `flowrun plugins` against golden files (read by a person when recorded).
@Suite struct GraphAndPluginsCommandTests {
    static func golden(_ name: String) throws -> String {
        try String(contentsOf: Project.root.appendingPathComponent("Tests/FlowrunCLITests/Fixtures/\(name)"), encoding: .utf8)
    }

    @Test func dotOutputMatchesTheGolden() throws {
        let result = try CommandLineTests.flowrun(["graph", "flows/sms2fa.xml"])
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.golden("sms2fa.dot")))
    }

    @Test func mermaidOutputMatchesTheGolden() throws {
        let result = try CommandLineTests.flowrun(["graph", "--format", "mermaid", "flows/sms2fa.xml"])
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.golden("sms2fa.mmd")))
    }

    @Test func graphvizAcceptsTheDOT() throws {
        let result = try CommandLineTests.flowrun(["graph", "--format", "svg", "flows/sms2fa.xml"])
        #expect(result.stderr == "", "Graphviz's dot must be installed for this test (apt-get install graphviz; scripts/test does)")
        #expect(result.status == 0)
        #expect(result.stdout.contains("<svg"))
        #expect(result.stdout.contains("Verify Your Identity"))
    }

    @Test func pluginsListsTheBuiltInsWithTheirParameters() throws {
        let text = try CommandLineTests.flowrun(["plugins"])
        #expect(text.status == 0)
        #expect(text.stdout == (try Self.golden("plugins.txt")))
        let json = try CommandLineTests.flowrun(["plugins", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let sms = try #require(rows?.first { $0["registeredAs"] as? String == "SMSPlugin" })
        let description = try #require(sms["description"] as? [String: Any])
        #expect(description["name"] as? String == "SMS Plugin")
        let inputs = try #require(description["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["name"] as? String } == ["AccountSid", "Token", "To", "From", "Message", "Vendor"])
    }
}
