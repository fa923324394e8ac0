/// Which elements and connectors a test run took, to colour a graph (`flowrun graph --coverage`).
public struct GraphCoverage: Sendable, Hashable, Codable {
    public var elements: Set<String>
    /// Edges as `from->to`.
    public var edges: Set<String>

    public init(elements: Set<String>, edges: Set<String>) {
        self.elements = elements
        self.edges = edges
    }
}

/// Graphviz DOT: element kinds drawn distinctly, decision outcomes labelled, fault paths dashed.
public enum DOTRenderer {
    public static func render(_ graph: FlowGraph, name: String, coverage: GraphCoverage? = nil) -> String {
        var lines = [
            "digraph \(quote(name)) {", "    rankdir=TB;", "    node [fontname=\"Helvetica\", fontsize=11];",
            "    edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for node in graph.nodes {
            var attributes = ["label=\(quote(node.label))"] + style(node.shape)
            if let coverage, node.id != FlowGraph.startID {
                attributes.append(
                    coverage.elements.contains(node.id)
                        ? "color=\"#2e7d32\", penwidth=2" : "color=\"#c62828\", fontcolor=\"#c62828\", penwidth=2")
            }
            lines.append("    \(quote(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for edge in graph.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(quote(label))") }
            if edge.isFault { attributes.append("style=dashed, color=\"#c62828\"") }
            if let coverage, !coverage.edges.contains("\(edge.from)->\(edge.to)") { attributes.append("color=\"#9e9e9e\"") }
            let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            lines.append("    \(quote(edge.from)) -> \(quote(edge.to))\(suffix);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func style(_ shape: FlowGraph.Shape) -> [String] {
        switch shape {
        case .start: ["shape=circle", "style=filled", "fillcolor=\"#e0e0e0\""]
        case .assignment: ["shape=box", "style=\"rounded,filled\"", "fillcolor=\"#fff3e0\""]
        case .decision: ["shape=diamond", "style=filled", "fillcolor=\"#fce4ec\""]
        case .records: ["shape=cylinder", "style=filled", "fillcolor=\"#e3f2fd\""]
        case .plugin: ["shape=component", "style=filled", "fillcolor=\"#ede7f6\""]
        case .screen: ["shape=note", "style=filled", "fillcolor=\"#e8f5e9\""]
        case .loop: ["shape=hexagon", "style=filled", "fillcolor=\"#fffde7\""]
        }
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Mermaid flowchart text, for Markdown that GitHub and many editors render.
public enum MermaidRenderer {
    public static func render(_ graph: FlowGraph, coverage: GraphCoverage? = nil) -> String {
        var lines = ["flowchart TD"]
        for node in graph.nodes {
            let label = escape(node.label)
            let body: String
            switch node.shape {
            case .start: body = "((\(label)))"
            case .assignment: body = "[\(label)]"
            case .decision: body = "{\(label)}"
            case .records: body = "[(\(label))]"
            case .plugin: body = "[[\(label)]]"
            case .screen: body = "[/\(label)/]"
            case .loop: body = "{{\(label)}}"
            }
            lines.append("    \(id(node.id))\(body)")
        }
        for edge in graph.edges {
            let arrow = edge.isFault ? "-.->" : "-->"
            let label = edge.label.map { "|\(escape($0))|" } ?? ""
            lines.append("    \(id(edge.from)) \(arrow)\(label) \(id(edge.to))")
        }
        if let coverage {
            let elements = graph.nodes.map(\.id).filter { $0 != FlowGraph.startID }
            let hit = elements.filter { coverage.elements.contains($0) }.map(id)
            let missed = elements.filter { !coverage.elements.contains($0) }.map(id)
            lines.append("    classDef hit stroke:#2e7d32,stroke-width:3px")
            lines.append("    classDef missed stroke:#c62828,stroke-dasharray:4")
            if !hit.isEmpty { lines.append("    class \(hit.joined(separator: ",")) hit") }
            if !missed.isEmpty { lines.append("    class \(missed.joined(separator: ",")) missed") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func id(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    private static func escape(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "#quot;") + "\""
    }
}
