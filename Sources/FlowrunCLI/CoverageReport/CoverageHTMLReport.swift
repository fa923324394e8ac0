import FlowrunCore
import Foundation

/// `flowrun test --coverage-html DIR`: an index of the flows tested and a page per flow, like an
/// lcov report. Each page draws the flow (`SVGRenderer`, no Graphviz needed) with the elements
/// the tests ran in green and those they missed in red, lists the elements with their lines and
/// how many tests ran each, and shows the flow's XML with every element's lines marked. The
/// figures are those of the coverage JSON (`CoverageSummary`), so the two never disagree.
struct CoverageHTMLReport {
    /// One flow's coverage, with what the pages need besides the summary.
    struct Entry {
        var summary: CoverageSummary
        var flow: Flow
        /// How many test cases ran each element.
        var runs: [String: Int]
        var tests: Int
    }

    let entries: [Entry]

    /// The page of each flow, named after its file (`Greeting.flow-meta.xml.html`), with a
    /// number added when two flows in different folders share a file name.
    var pageNames: [String] {
        var used: Set<String> = ["index.html"]
        return entries.map { entry in
            let base = (entry.summary.flow as NSString).lastPathComponent
            var name = base + ".html"
            var counter = 2
            while used.contains(name) {
                name = "\(base)-\(counter).html"
                counter += 1
            }
            used.insert(name)
            return name
        }
    }

    /// Writes `index.html` and the flow pages into `directory`, creating it.
    func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let folder = URL(fileURLWithPath: directory)
        try Data(index().utf8).write(to: folder.appendingPathComponent("index.html"))
        for (entry, name) in zip(entries, pageNames) {
            try Data(page(entry).utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    func index() -> String {
        var body = "<h1>Flow coverage</h1>\n"
        let covered = entries.reduce(0) { $0 + $1.summary.elementsCovered + $1.summary.connectorsCovered }
        let total = entries.reduce(0) { $0 + $1.summary.elementsTotal + $1.summary.connectorsTotal }
        body +=
            "<p class=\"totals\">\(Self.percent(covered, total)) of elements and connectors run by the tests, over \(entries.count) flow\(entries.count == 1 ? "" : "s").</p>\n"
        body +=
            "<table class=\"flows\">\n<thead><tr><th>Flow</th><th>Coverage</th><th>Elements</th><th>Connectors</th><th>Tests</th></tr></thead>\n<tbody>\n"
        for (entry, name) in zip(entries, pageNames) {
            let summary = entry.summary
            let state = summary.missedElements.isEmpty && summary.missedConnectors.isEmpty ? "hit" : "missed"
            body += """
                <tr class="\(state)" data-flow="\(escape(summary.flow))"><td><a href="\(escape(name))">\(escape(summary.flow))</a></td>\
                <td class="number">\(String(format: "%.1f%%", summary.percent))</td>\
                <td class="number">\(summary.elementsCovered)/\(summary.elementsTotal)</td>\
                <td class="number">\(summary.connectorsCovered)/\(summary.connectorsTotal)</td>\
                <td class="number">\(entry.tests)</td></tr>

                """
        }
        body += "</tbody>\n</table>\n"
        return Self.document(title: "Flow coverage", body: body)
    }

    func page(_ entry: Entry) -> String {
        let summary = entry.summary
        let graph = FlowGraph(entry.flow)
        let hit = Set(summary.coveredElements)
        var nodeMarks: [String: SVGRenderer.Mark] = [:]
        for name in summary.coveredElements { nodeMarks[name] = .hit }
        for name in summary.missedElements { nodeMarks[name] = .missed }
        var edgeMarks: [String: SVGRenderer.Mark] = [:]
        for key in summary.coveredConnectors { edgeMarks[key] = .hit }
        for key in summary.missedConnectors { edgeMarks[key] = .missed }

        let title = entry.flow.label ?? entry.flow.name
        var body = "<p><a href=\"index.html\">All flows</a></p>\n"
        body += "<h1>\(escape(title))</h1>\n<p class=\"path\">\(escape(summary.flow))</p>\n"
        body += """
            <p class="totals">\(String(format: "%.1f%%", summary.percent)) covered by \(entry.tests) test\(entry.tests == 1 ? "" : "s"): \
            elements \(summary.elementsCovered)/\(summary.elementsTotal), connectors \(summary.connectorsCovered)/\(summary.connectorsTotal)</p>
            <p class="legend"><span class="key hit">run by a test</span> <span class="key missed">not run by any test</span></p>
            <figure class="diagram">
            \(SVGRenderer.render(graph, title: title, nodes: nodeMarks, edges: edgeMarks))</figure>

            """

        let (bytes, lines) = Self.source(of: entry.flow)
        let ranges = ElementLines.ranges(of: Set(entry.flow.elements.map(\.name)), in: bytes, path: entry.flow.path, lines: lines)
        body +=
            "<h2>Elements</h2>\n<table class=\"elements\">\n<thead><tr><th>Element</th><th>Kind</th><th>Lines</th><th>Tests that ran it</th></tr></thead>\n<tbody>\n"
        let kinds = Dictionary(graph.nodes.map { ($0.id, $0.shape.rawValue) }, uniquingKeysWith: { first, _ in first })
        for element in entry.flow.elements {
            let state = hit.contains(element.name) ? "hit" : "missed"
            let lineText =
                ranges[element.name].map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
                ?? "\(element.location.line)"
            let label = element.label.map { "\($0) (\(element.name))" } ?? element.name
            body += """
                <tr class="\(state)" data-element="\(escape(element.name))"><td><a href="#element-\(escape(element.name))">\(escape(label))</a></td>\
                <td>\(kinds[element.name] ?? "")</td><td class="number">\(lineText)</td><td class="number">\(entry.runs[element.name] ?? 0)</td></tr>

                """
        }
        body += "</tbody>\n</table>\n"
        if !summary.missedConnectors.isEmpty {
            body += "<h2>Connectors no test took</h2>\n<ul class=\"missed-connectors\">\n"
            for key in summary.missedConnectors {
                let readable = key.replacingOccurrences(of: FlowGraph.startID, with: "Start").replacingOccurrences(of: "->", with: " → ")
                body += "<li data-connector=\"\(escape(key))\">\(escape(readable))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "<h2>Source</h2>\n" + sourceTable(lines: lines, ranges: ranges, hit: hit, runs: entry.runs) + "\n"
        return Self.document(title: "Coverage of \(title)", body: body)
    }

    /// The flow's XML, a row per line: the lines of elements the tests ran marked `hit`, of
    /// those they missed `missed`, the rest (variables, layout) unmarked, as lcov marks lines
    /// that are not code.
    private func sourceTable(lines: [Substring], ranges: [String: ClosedRange<Int>], hit: Set<String>, runs: [String: Int]) -> String {
        var owner: [Int: String] = [:]
        for (name, range) in ranges { for line in range { owner[line] = name } }
        let starts = Dictionary(ranges.map { ($0.value.lowerBound, $0.key) }, uniquingKeysWith: { first, _ in first })
        var rows = "<table class=\"source\">\n<tbody>\n"
        for (index, text) in lines.enumerated() {
            let number = index + 1
            var attributes = " id=\"L\(number)\""
            var count = ""
            if let name = owner[number] {
                attributes += " class=\"\(hit.contains(name) ? "hit" : "missed")\" data-element=\"\(escape(name))\""
                if starts[number] == name {
                    count = "<span id=\"element-\(escape(name))\">\(runs[name] ?? 0)×</span>"
                }
            }
            rows +=
                "<tr\(attributes)><td class=\"number\">\(number)</td><td class=\"count\">\(count)</td><td class=\"code\"><code>\(escape(String(text)))</code></td></tr>\n"
        }
        return rows + "</tbody>\n</table>"
    }

    /// The flow file's bytes and lines (without their breaks), as read when the tests ran.
    private static func source(of flow: Flow) -> ([UInt8], [Substring]) {
        let bytes = FileManager.default.contents(atPath: flow.path).map { Array($0) } ?? []
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return (bytes, lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 })
    }

    private static func percent(_ part: Int, _ total: Int) -> String {
        String(format: "%.1f%%", total == 0 ? 100 : Double(part) * 100 / Double(total))
    }

    private func escape(_ text: String) -> String { text.xmlEscaped(apostrophe: "&#39;") }

    /// A whole page: the styles are in the page, so the report is a folder to open or publish
    /// as it is, with no other files and no scripts.
    private static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.xmlEscaped(apostrophe: "&#39;"))</title>
        <style>
        \(stylesheet)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem 2rem; color: #1b1b1b; }
        .path { color: #444; font-family: ui-monospace, monospace; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { padding: .2rem .6rem; text-align: left; vertical-align: top; }
        table.flows td, table.elements td { border-top: 1px solid #ddd; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        tr.hit > td:first-child { border-left: 4px solid #2e7d32; }
        tr.missed > td:first-child { border-left: 4px solid #c62828; }
        .key { padding: .1rem .5rem; border-radius: .2rem; }
        .key.hit { background: #e8f5e9; border: 2px solid #2e7d32; }
        .key.missed { background: #ffebee; border: 2px solid #c62828; }
        figure.diagram { margin: 1rem 0; overflow-x: auto; }
        table.source { font-family: ui-monospace, monospace; font-size: .85rem; }
        table.source td { padding: 0 .6rem; white-space: pre; }
        table.source td.number, table.source td.count { color: #666; user-select: none; }
        table.source tr.hit td.code { background: #e8f5e9; }
        table.source tr.missed td.code { background: #ffebee; }
        table.source tr.hit td.count { color: #2e7d32; }
        table.source tr.missed td.count { color: #c62828; font-weight: bold; }

        """
}

extension CoverageHTMLReport.Entry {
    /// Adds the cases of one test file of this flow: what they ran joins the coverage, and each
    /// element counts the cases that ran it.
    mutating func add(_ results: [FlowTestResult]) {
        var covered = GraphCoverage(elements: Set(summary.coveredElements), edges: Set(summary.coveredConnectors))
        for result in results {
            covered.elements.formUnion(result.coverage.elements)
            covered.edges.formUnion(result.coverage.edges)
            for element in result.coverage.elements { runs[element, default: 0] += 1 }
        }
        tests += results.count
        summary = CoverageSummary(flow: summary.flow, graph: FlowGraph(flow), coverage: covered)
    }
}
