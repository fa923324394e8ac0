import FlowrunCore
import Foundation
import Testing

/// `check` output for broken flows, compared with golden files written and read by a person.
/// `FLOWRUN_RECORD=1 swift test` rewrites the golden files and fails, so a change is always looked at.
@Suite struct CheckGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/check")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
    }

    @Test(arguments: cases)
    func checkOutputMatchesGolden(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let bytes = Array(try Data(contentsOf: url))
        let displayPath = "check/\(name)"
        let (parsed, parseDiagnostics) = FlowParser.parse(bytes, path: displayPath)
        var diagnostics = parseDiagnostics
        // Subflows resolve from the fixtures' own folder.
        let flows = FlowLibrary(directories: [Self.directory.path], plugins: .testPlugins)
        if let parsed { diagnostics += Validator(plugins: .testPlugins, flows: flows).validate(parsed).1 }
        let renderer = DiagnosticRenderer(sources: [SourceText(path: displayPath, text: String(decoding: bytes, as: UTF8.self))])
        let actual = renderer.render(diagnostics.sortedByLocation()) + "\n"

        let golden = url.deletingPathExtension().appendingPathExtension("expected")
        if ProcessInfo.processInfo.environment["FLOWRUN_RECORD"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); check it by eye and run again without FLOWRUN_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func jsonFormatCarriesEveryField() throws {
        let diagnostic = Diagnostic.error(
            "validate.undefinedReference", "'Totl' is not defined", at: SourceLocation(file: "a.xml", line: 3, column: 7))
        let json = DiagnosticRenderer.json([diagnostic])
        #expect(
            json == """
                [
                  {
                    "column" : 7,
                    "file" : "a.xml",
                    "id" : "validate.undefinedReference",
                    "line" : 3,
                    "message" : "'Totl' is not defined",
                    "severity" : "error"
                  }
                ]
                """)
    }
}
