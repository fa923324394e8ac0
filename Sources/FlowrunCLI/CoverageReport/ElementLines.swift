import FlowrunCore

/// The lines of a flow file each element spans, start tag to end tag, for the coverage report's
/// source listing. The element tree comes from libxml2 (`LibXMLReader`), which records where each
/// start tag is but not where it ends, so the end is the first `</tag>` after the element's last
/// descendant, and never past the next element's start.
enum ElementLines {
    static func ranges(of elementNames: Set<String>, in bytes: [UInt8], path: String, lines: [Substring]) -> [String: ClosedRange<Int>] {
        guard case .success(let tree) = LibXMLReader.parse(bytes, path: path) else { return [:] }
        let children = tree.root.children
        var ranges: [String: ClosedRange<Int>] = [:]
        for (index, child) in children.enumerated() {
            guard let name = child.childText("name"), elementNames.contains(name) else { continue }
            let start = child.location.line
            let limit = index + 1 < children.count ? max(children[index + 1].location.line, start) : lines.count
            let last = max(lastLine(of: child), start)
            var end = last
            let closing = "</\(child.name)>"
            var line = last
            while line <= limit, line <= lines.count {
                if lines[line - 1].contains(closing) {
                    end = line
                    break
                }
                line += 1
            }
            ranges[name] = start...end
        }
        return ranges
    }

    /// The last line an element's content reaches: a leaf's text may run over several lines.
    private static func lastLine(of element: XMLElement_) -> Int {
        guard !element.children.isEmpty else {
            return element.textLocation.line + element.text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        }
        return element.children.map(lastLine(of:)).max() ?? element.location.line
    }
}
