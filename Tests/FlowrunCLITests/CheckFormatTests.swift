import FlowrunCore
import Foundation
import Testing

@testable import FlowrunCLI

/// `flowrun check --format sarif` and `--format github`, compared byte for byte with golden files
/// in Fixtures/check-formats. `FLOWRUN_RECORD=1 swift test` rewrites them and fails, so a change
/// is always looked at.
@Suite struct CheckFormatTests {
    /// Two files with problems and a missing one: errors, a warning, and a file that cannot be read.
    static let files = [
        "Tests/FlowrunCoreTests/Fixtures/check/plugin-errors.xml", "missing.xml",
        "Tests/FlowrunCoreTests/Fixtures/check/unknown-connector.xml",
    ]

    static func compare(_ actual: String, withGolden name: String) throws {
        let golden = URL(fileURLWithPath: Project.path("Tests/FlowrunCLITests/Fixtures/check-formats/\(name)"))
        if ProcessInfo.processInfo.environment["FLOWRUN_RECORD"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); check it by eye and run again without FLOWRUN_RECORD")
            return
        }
        #expect(actual == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func sarifMatchesItsGoldenFile() throws {
        let result = try CommandLineTests.flowrun(["check", "--format", "sarif"] + Self.files)
        #expect(result.status == 2)
        #expect(result.stderr == "")
        try Self.compare(result.stdout, withGolden: "check.sarif")
    }

    @Test func githubMatchesItsGoldenFile() throws {
        let result = try CommandLineTests.flowrun(["check", "--format", "github"] + Self.files)
        #expect(result.status == 2)
        #expect(result.stderr == "")
        try Self.compare(result.stdout, withGolden: "check.github.txt")
    }

    /// The fields SARIF 2.1.0 requires, and the ones code scanning reads, are all there.
    @Test func sarifHasTheRequiredFields() throws {
        let result = try CommandLineTests.flowrun(["check", "--format", "sarif"] + Self.files)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "flowrun")
        let rules = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(
            rules == [
                "file.unreadable", "validate.missingPluginInput", "validate.typeMismatch", "validate.unknownConnectorTarget",
                "validate.unknownPlugin", "validate.unknownPluginParameter", "validate.unreachableElement",
            ])
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 7)
        for entry in results {
            let ruleId = try #require(entry["ruleId"] as? String)
            #expect(rules[try #require(entry["ruleIndex"] as? Int)] == ruleId)
            #expect(["error", "warning"].contains(entry["level"] as? String))
            #expect((entry["message"] as? [String: Any])?["text"] is String)
            let physical = try #require((entry["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] is String)
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] is Int)
            #expect(region["startColumn"] is Int)
        }
        let first = results[0]
        #expect(first["ruleId"] as? String == "validate.missingPluginInput")
        let location = (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == Self.files[0])
        #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 6)
        #expect((location?["region"] as? [String: Any])?["startColumn"] as? Int == 20)
        let unreachable = results.first { $0["ruleId"] as? String == "validate.unreachableElement" }
        #expect(unreachable?["level"] as? String == "warning")
    }

    @Test func aCleanCheckIsAnEmptySARIFRunAndNoAnnotations() throws {
        let sarif = try CommandLineTests.flowrun(["check", "--format", "sarif", "flows/sms2fa.xml"])
        #expect(sarif.status == 0)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        #expect((run?["results"] as? [Any])?.isEmpty == true)
        let github = try CommandLineTests.flowrun(["check", "--format", "github", "flows/sms2fa.xml"])
        #expect(github.status == 0)
        #expect(github.stdout == "")
    }

    /// The runner reads `%`, line breaks, and in properties `:` and `,`, as syntax: they are encoded.
    @Test func githubCommandsEscapeWhatTheRunnerWouldReadAsSyntax() {
        let diagnostic = Diagnostic(
            .note, id: "needs.global", "50% of it\r\nis here", at: SourceLocation(file: "a,b:c.xml", line: 3, column: 7))
        #expect(
            GitHubAnnotations.command(diagnostic) == "::notice file=a%2Cb%3Ac.xml,line=3,col=7,title=needs.global::50%25 of it%0D%0Ais here"
        )
        #expect(GitHubAnnotations.command(for: .warning) == "warning")
    }

    @Test func sarifURIsArePercentEncodedAndAbsolutePathsAreFileURIs() {
        #expect(SARIFReport.uri("flows/sms2fa.xml") == "flows/sms2fa.xml")
        #expect(SARIFReport.uri("my flows/é.xml") == "my%20flows/%C3%A9.xml")
        #expect(SARIFReport.uri("c:flow.xml") == "c%3Aflow.xml")
        #expect(SARIFReport.uri("/tmp/a#b.xml") == "file:///tmp/a%23b.xml")
    }
}
