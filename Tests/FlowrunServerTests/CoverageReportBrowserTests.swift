import Foundation
import Testing

/// `flowrun test --coverage-html` opened in headless Chromium: the diagram is drawn, and the
/// colour the browser paints each element's outline is the one the coverage JSON of the same run
/// calls for (green for covered, red for missed). Runs the built `flowrun`, as a user does.
///
/// Part of the serialized `BrowserEndToEndTests`, so that one Chromium runs at a time.
extension BrowserEndToEndTests {
    static let hitStroke = "rgb(46, 125, 50)"  // SVGRenderer.hitColour, #2e7d32
    static let missedStroke = "rgb(198, 40, 40)"  // SVGRenderer.missedColour, #c62828

    @Test func theDiagramIsDrawnInTheColoursOfTheCoverageJSON() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("coverage.json")
        let html = folder.appendingPathComponent("html")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flowrun")
        process.arguments = [
            "test", TestServer.root.appendingPathComponent("Tests/FlowrunCLITests/Fixtures/coverage-html").path,
            "--coverage", json.path, "--coverage-html", html.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        #expect(try await Self.run(process) == 0)

        let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
        let covered = try #require(rows.first?["coveredElements"] as? [String])
        let missed = try #require(rows.first?["missedElements"] as? [String])
        #expect(covered == ["Say_Good_Morning", "Time_Of_Day"])
        #expect(missed == ["Say_Good_Day"])

        try await BrowserHarness.withBrowser { browser in
            try await browser.go(html.appendingPathComponent("Greeting.flow-meta.xml.html").absoluteString)
            let drawn =
                try await browser.execute(
                    """
                    const svg = document.querySelector('figure.diagram svg.flow-diagram');
                    if (!svg) return null;
                    const box = svg.getBoundingClientRect();
                    return { width: box.width, height: box.height, nodes: svg.querySelectorAll('g.node').length };
                    """) as? [String: Any]
            let diagram = try #require(drawn, "the page has the diagram")
            #expect((diagram["width"] as? Double ?? 0) > 100)
            #expect((diagram["height"] as? Double ?? 0) > 100)
            #expect(diagram["nodes"] as? Int == 4)  // the start and three elements

            let strokes = try #require(
                try await browser.execute(
                    """
                    const out = {};
                    for (const node of document.querySelectorAll('svg.flow-diagram g.node')) {
                      out[node.dataset.element] = getComputedStyle(node.querySelector('.shape')).stroke;
                    }
                    return out;
                    """) as? [String: String])
            for name in covered { #expect(strokes[name] == Self.hitStroke, "\(name) is covered") }
            for name in missed { #expect(strokes[name] == Self.missedStroke, "\(name) is missed") }
            #expect(Set(strokes.keys) == Set(covered + missed + ["__start__"]))

            let lines = try #require(
                try await browser.execute(
                    """
                    const colour = (id) => getComputedStyle(document.querySelector('#' + id + ' td.code')).backgroundColor;
                    return { decision: colour('L27'), missed: colour('L61'), variable: colour('L8') };
                    """) as? [String: String])
            #expect(lines["decision"] == "rgb(232, 245, 233)")  // #e8f5e9: a line of a covered element
            #expect(lines["missed"] == "rgb(255, 235, 238)")  // #ffebee: a line of a missed element
            #expect(lines["variable"] == "rgba(0, 0, 0, 0)")  // not an element: unmarked
        }
    }

    /// Runs `process` to its end on a thread of its own: waiting for it on one of the few threads
    /// that run every test's async code would hold up the others.
    static func run(_ process: Process) async throws -> Int32 {
        try process.run()
        return await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
    }
}
