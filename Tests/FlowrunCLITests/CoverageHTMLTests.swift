import Foundation
import Testing

/// `flowrun test --coverage-html DIR`: the pages for a small flow (a decision whose afternoon
/// branch no test takes), compared byte for byte with golden files in
/// Fixtures/coverage-html/expected. `FLOWRUN_RECORD=1 swift test` rewrites them and fails, so a
/// change is always looked at. The browser's view of the page is `CoverageReportBrowserTests`.
@Suite struct CoverageHTMLTests {
    static let fixture = "Tests/FlowrunCLITests/Fixtures/coverage-html"

    static func run() throws -> (result: CommandLineTests.Result, folder: URL, json: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-coverage-\(UUID().uuidString)")
        let json = folder.appendingPathComponent("coverage.json").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try CommandLineTests.flowrun(
            ["test", fixture, "--coverage", json, "--coverage-html", folder.appendingPathComponent("html").path])
        return (result, folder, json)
    }

    static func compare(_ file: URL, withGolden name: String) throws {
        let actual = try String(contentsOf: file, encoding: .utf8)
        let golden = URL(fileURLWithPath: Project.path("\(fixture)/expected/\(name)"))
        if ProcessInfo.processInfo.environment["FLOWRUN_RECORD"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); check it by eye and run again without FLOWRUN_RECORD")
            return
        }
        #expect(actual == (try String(contentsOf: golden, encoding: .utf8)), "\(name) differs from its golden file")
    }

    @Test func thePagesMatchTheirGoldenFiles() throws {
        let (result, folder, _) = try Self.run()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let html = folder.appendingPathComponent("html")
        #expect(try FileManager.default.contentsOfDirectory(atPath: html.path).sorted() == ["Greeting.flow-meta.xml.html", "index.html"])
        try Self.compare(html.appendingPathComponent("index.html"), withGolden: "index.html")
        try Self.compare(html.appendingPathComponent("Greeting.flow-meta.xml.html"), withGolden: "Greeting.flow-meta.xml.html")
    }

    /// What the page marks is what the JSON says, and what the flow file says: the decision runs
    /// on lines 27–49, the missed assignment on lines 61–71.
    @Test func thePageAgreesWithTheCoverageJSON() throws {
        let (_, folder, json) = try Self.run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["coveredElements"] as? [String] == ["Say_Good_Morning", "Time_Of_Day"])
        #expect(rows[0]["missedElements"] as? [String] == ["Say_Good_Day"])
        #expect(rows[0]["missedConnectors"] as? [String] == ["Time_Of_Day->Say_Good_Day"])
        let page = try String(contentsOf: folder.appendingPathComponent("html/Greeting.flow-meta.xml.html"), encoding: .utf8)
        #expect(page.contains(#"<p class="totals">66.7% covered by 2 tests: elements 2/3, connectors 2/3</p>"#))
        #expect(page.contains(#"<g class="node decision hit" data-element="Time_Of_Day" data-mark="hit">"#))
        #expect(page.contains(#"<g class="node assignment hit" data-element="Say_Good_Morning" data-mark="hit">"#))
        #expect(page.contains(#"<g class="node assignment missed" data-element="Say_Good_Day" data-mark="missed">"#))
        #expect(page.contains(#"<g class="edge missed" data-connector="Time_Of_Day-&gt;Say_Good_Day" data-mark="missed">"#))
        #expect(page.contains(#"<td class="number">27–49</td><td class="number">2</td>"#))
        #expect(page.contains(#"<td class="number">61–71</td><td class="number">0</td>"#))
        #expect(page.contains(#"<tr id="L27" class="hit" data-element="Time_Of_Day">"#))
        #expect(page.contains(#"<tr id="L71" class="missed" data-element="Say_Good_Day">"#))
        #expect(
            page.contains(
                #"<tr id="L72"><td class="number">72</td><td class="count"></td><td class="code"><code>&lt;/Flow&gt;</code></td></tr>"#))
    }

    @Test func aFolderThatCannotBeWrittenIsAUsageError() throws {
        let result = try CommandLineTests.flowrun(["test", Self.fixture, "--coverage-html", "/proc/flowrun-cannot-write-here"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("flowrun: --coverage-html: cannot write /proc/flowrun-cannot-write-here"))
    }
}
