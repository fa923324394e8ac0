import Foundation
import Testing

/// `flowrun run --trace` and `--trace-json`, whole, against golden files (read by a person when
/// recorded): a record query, a decision, a plug-in call with its secret output, assignments.
@Suite struct TraceGoldenTests {
    static func run(_ extra: [String]) throws -> CommandLineTests.Result {
        let answers = try CommandLineTests.temporaryFile(#"[{"answers": {"Code": "140690"}}]"#)
        return try CommandLineTests.flowrun(
            ["flows/sms2fa.xml", "--seed", "42", "--now", "2024-05-01T09:30:00Z", "--answers", answers] + extra)
    }

    @Test func textTraceMatchesTheGolden() throws {
        let result = try Self.run(["--trace"])
        #expect(result.status == 0)
        #expect(result.stderr == (try GraphAndPluginsCommandTests.golden("sms2fa.trace.txt")))
        #expect(!result.stderr.contains("140690"))
    }

    @Test func jsonTraceMatchesTheGolden() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-\(UUID().uuidString).jsonl")
        let result = try Self.run(["--trace-json", file.path])
        #expect(result.status == 0)
        let trace = try String(contentsOf: file, encoding: .utf8)
        #expect(trace == (try GraphAndPluginsCommandTests.golden("sms2fa.trace.jsonl")))
        #expect(!trace.contains("140690"))
    }

    @Test func testRunOutputMatchesTheGolden() throws {
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/failing.flowtest.json"])
        #expect(result.status == 1)
        #expect(result.stdout == (try GraphAndPluginsCommandTests.golden("failing-test.txt")))
    }
}
