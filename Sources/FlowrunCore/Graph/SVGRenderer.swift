/// A flow diagram as inline SVG, laid out by `FlowGraphLayout`: what the coverage report
/// (`flowrun test --coverage-html`) and the debug view of `flowrun serve` draw. Colours are SVG
/// presentation attributes, not `style` attributes, so the drawing shows under a Content
/// Security Policy that forbids inline styles; every node and connector carries its element or
/// `from->to` name and its mark as `data-` attributes, for pages and tests to read.
public enum SVGRenderer {
    /// What a node or connector is marked as.
    public enum Mark: String, Sendable, Hashable {
        /// Run by a test (coverage).
        case hit
        /// Never run by a test (coverage).
        case missed
        /// On the path the interview took (debug view).
        case taken
        /// Where the interview is now (debug view).
        case current
    }

    public static let hitColour = "#2e7d32"
    public static let missedColour = "#c62828"
    public static let takenColour = "#0176d3"
    static let plainColour = "#5c5c5c"
    static let idleEdgeColour = "#9e9e9e"

    /// - Parameters:
    ///   - nodes: marks by element name; an element without one is drawn plain.
    ///   - edges: marks by `from->to`; without one a connector is plain, or grey and dashed
    ///     when `dimUnmarkedEdges` (the connectors no test or interview took).
    public static func render(
        _ graph: FlowGraph, title: String, nodes: [String: Mark] = [:], edges: [String: Mark] = [:],
        dimUnmarkedEdges: Bool = false
    ) -> String {
        let layout = FlowGraphLayout(graph)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" width="\(number(layout.width))" \
            height="\(number(layout.height))" viewBox="0 0 \(number(layout.width)) \(number(layout.height))" \
            role="img" aria-label="\(escape("Diagram of \(title)"))" font-family="system-ui, sans-serif" font-size="12">

            """
        out += "<defs>"
        for (name, colour) in [("plain", plainColour), ("idle", idleEdgeColour), ("hit", hitColour), ("taken", takenColour)] {
            out += """
                <marker id="arrow-\(name)" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" \
                orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="\(colour)"/></marker>
                """
        }
        out += "</defs>\n"
        var backIndex = 0
        for edge in graph.edges {
            guard let from = layout.boxes[edge.from], let to = layout.boxes[edge.to] else { continue }
            let key = "\(edge.from)->\(edge.to)"
            let mark = edges[key]
            let isBack = layout.backEdges.contains(key)
            out += self.edge(
                edge, key: key, from: from, to: to, mark: mark, dim: dimUnmarkedEdges, backIndex: isBack ? backIndex : nil,
                contentRight: layout.contentRight)
            if isBack { backIndex += 1 }
        }
        for node in graph.nodes {
            guard let box = layout.boxes[node.id] else { continue }
            out += self.node(node, box: box, mark: nodes[node.id])
        }
        return out + "</svg>\n"
    }

    private static func edge(
        _ edge: FlowGraph.Edge, key: String, from: FlowGraphLayout.Box, to: FlowGraphLayout.Box, mark: Mark?, dim: Bool,
        backIndex: Int?, contentRight: Double
    ) -> String {
        let colour: String
        let arrow: String
        var width = "1.5"
        var dash = edge.isFault ? "6 4" : nil
        switch mark {
        case .hit: (colour, arrow, width) = (hitColour, "hit", "2.5")
        case .taken, .current: (colour, arrow, width) = (takenColour, "taken", "3")
        case .missed: (colour, arrow, dash) = (idleEdgeColour, "idle", "4 4")
        case nil: (colour, arrow) = dim ? (idleEdgeColour, "idle") : (plainColour, "plain")
        }
        if mark == nil && dim { dash = "4 4" }
        let path: String
        let labelX: Double
        let labelY: Double
        if let backIndex {
            // Down into the gap below the source's row, right beyond every node, up to the gap
            // above the target's row, and into the target's top beside where forward connectors
            // arrive: the way back crosses no node. Each back edge keeps a lane of its own.
            let lane = Double(backIndex % 4)
            let outer = contentRight + 16 + lane * 14
            let below = from.y + from.height / 2 + FlowGraphLayout.rowGap / 2 - lane * 6
            let above = to.y - to.height / 2 - FlowGraphLayout.rowGap / 2 + lane * 6
            let entry = to.x + 30
            path =
                "M\(number(from.x)),\(number(from.y + from.height / 2)) L\(number(from.x)),\(number(below)) "
                + "L\(number(outer)),\(number(below)) L\(number(outer)),\(number(above)) L\(number(entry)),\(number(above)) "
                + "L\(number(entry)),\(number(to.y - to.height / 2))"
            (labelX, labelY) = (outer, (below + above) / 2)
        } else {
            let y1 = from.y + from.height / 2
            let y2 = to.y - to.height / 2
            let bend = (y2 - y1) / 2
            path =
                "M\(number(from.x)),\(number(y1)) C\(number(from.x)),\(number(y1 + bend)) \(number(to.x)),\(number(y2 - bend)) \(number(to.x)),\(number(y2))"
            (labelX, labelY) = ((from.x + to.x) / 2, (y1 + y2) / 2)
        }
        var out = "<g class=\"edge\(mark.map { " " + $0.rawValue } ?? "")\" data-connector=\"\(escape(key))\""
        if let mark { out += " data-mark=\"\(mark.rawValue)\"" }
        out += "><path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(width)\""
        if let dash { out += " stroke-dasharray=\"\(dash)\"" }
        out += " marker-end=\"url(#arrow-\(arrow))\"/>"
        if let label = edge.label {
            out += """
                <text x="\(number(labelX))" y="\(number(labelY))" text-anchor="middle" dominant-baseline="middle" \
                font-size="10" fill="#3e3e3e" stroke="#ffffff" stroke-width="3" paint-order="stroke">\(escape(shortened(label, to: 22)))</text>
                """
        }
        return out + "</g>\n"
    }

    private static func node(_ node: FlowGraph.Node, box: FlowGraphLayout.Box, mark: Mark?) -> String {
        let stroke: String
        var width = "1"
        var dash: String?
        var textColour = "#1b1b1b"
        var fill = fillColour(node.shape)
        switch mark {
        case .hit: (stroke, width) = (hitColour, "3")
        case .missed: (stroke, width, dash, textColour) = (missedColour, "3", "6 3", missedColour)
        case .taken: (stroke, width) = (takenColour, "3")
        case .current: (stroke, width, fill) = (takenColour, "4", "#d8edff")
        case nil: stroke = plainColour
        }
        var paint = "fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\""
        if let dash { paint += " stroke-dasharray=\"\(dash)\"" }
        let (x, y, w, h) = (box.x, box.y, box.width, box.height)
        let shape: String
        switch node.shape {
        case .start:
            shape =
                "<ellipse class=\"shape\" cx=\"\(number(x))\" cy=\"\(number(y))\" rx=\"\(number(h))\" ry=\"\(number(h / 2))\" \(paint)/>"
        case .decision:
            shape = polygon([(x, y - h / 2), (x + w / 2, y), (x, y + h / 2), (x - w / 2, y)], paint)
        case .loop:
            shape = polygon(
                [
                    (x - w / 2 + 14, y - h / 2), (x + w / 2 - 14, y - h / 2), (x + w / 2, y),
                    (x + w / 2 - 14, y + h / 2), (x - w / 2 + 14, y + h / 2), (x - w / 2, y),
                ], paint)
        case .assignment, .records, .plugin, .screen:
            let radius = node.shape == .assignment ? 10 : node.shape == .records ? 16 : 3
            shape =
                "<rect class=\"shape\" x=\"\(number(x - w / 2))\" y=\"\(number(y - h / 2))\" width=\"\(number(w))\" height=\"\(number(h))\" rx=\"\(radius)\" \(paint)/>"
        }
        let kind = node.id == FlowGraph.startID ? "start" : node.shape.rawValue
        var out = "<g class=\"node \(kind)\(mark.map { " " + $0.rawValue } ?? "")\" data-element=\"\(escape(node.id))\""
        if let mark { out += " data-mark=\"\(mark.rawValue)\"" }
        out += "><title>\(escape(node.label == node.id ? node.id : "\(node.label) (\(node.id))"))</title>\(shape)"
        out += """
            <text x="\(number(x))" y="\(number(y))" text-anchor="middle" dominant-baseline="middle" \
            fill="\(textColour)">\(escape(shortened(node.label, to: 26)))</text></g>

            """
        return out
    }

    private static func polygon(_ points: [(Double, Double)], _ paint: String) -> String {
        "<polygon class=\"shape\" points=\"\(points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "))\" \(paint)/>"
    }

    /// The fill of each kind of element, as in `DOTRenderer`.
    static func fillColour(_ shape: FlowGraph.Shape) -> String {
        switch shape {
        case .start: "#e0e0e0"
        case .assignment: "#fff3e0"
        case .decision: "#fce4ec"
        case .records: "#e3f2fd"
        case .plugin: "#ede7f6"
        case .screen: "#e8f5e9"
        case .loop: "#fffde7"
        }
    }

    /// Coordinates as short, stable text: whole numbers without a fraction, others to one place.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static func escape(_ text: String) -> String { text.xmlEscaped(apostrophe: "&#39;") }
}
