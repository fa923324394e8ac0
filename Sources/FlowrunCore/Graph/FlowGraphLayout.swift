/// Where each node of a `FlowGraph` goes on a page: a small layered layout (the start on top,
/// each element a row below the deepest element that leads to it), computed here so that pages
/// that show diagrams need no Graphviz and come out the same on every machine.
public struct FlowGraphLayout: Sendable, Hashable {
    public struct Box: Sendable, Hashable {
        /// Centre.
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var rank: Int
    }

    public static let nodeWidth = 180.0
    public static let nodeHeight = 48.0
    static let columnGap = 40.0
    public static let rowGap = 64.0
    static let margin = 24.0
    /// Room on the right for connectors that go back up (loops, retries).
    static let backEdgeRoom = 80.0

    public var boxes: [String: Box]
    /// Edges (`from->to`) that go up or sideways: drawn round the right of the nodes.
    public var backEdges: Set<String>
    public var width: Double
    public var height: Double
    /// The right edge of the rightmost node: back edges run beyond it.
    public var contentRight: Double

    public init(_ graph: FlowGraph) {
        let ids = graph.nodes.map(\.id)
        var outgoing: [String: [String]] = [:]
        for edge in graph.edges where edge.from != edge.to { outgoing[edge.from, default: []].append(edge.to) }

        // Depth-first from the start, then from anything unreachable, in document order: an edge
        // to a node still on the stack closes a cycle and is a back edge.
        var visited: Set<String> = []
        var onStack: Set<String> = []
        var discovery: [String] = []
        var back: Set<String> = graph.edges.filter { $0.from == $0.to }.map { "\($0.from)->\($0.to)" }.reduce(into: []) { $0.insert($1) }
        let known = Set(ids)
        for root in ids where !visited.contains(root) {
            // An explicit stack: a flow may be thousands of elements deep.
            var stack: [(node: String, next: Int)] = [(root, 0)]
            visited.insert(root)
            onStack.insert(root)
            discovery.append(root)
            while let top = stack.last {
                let targets = outgoing[top.node] ?? []
                if top.next == targets.count {
                    onStack.remove(top.node)
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = targets[top.next]
                guard known.contains(target) else { continue }
                if onStack.contains(target) {
                    back.insert("\(top.node)->\(target)")
                } else if !visited.contains(target) {
                    visited.insert(target)
                    onStack.insert(target)
                    discovery.append(target)
                    stack.append((target, 0))
                }
            }
        }

        // Longest path over the forward edges, in topological order (Kahn's algorithm).
        var incoming: [String: Int] = [:]
        var forward: [String: [String]] = [:]
        var predecessors: [String: [String]] = [:]
        for edge in graph.edges where known.contains(edge.to) && !back.contains("\(edge.from)->\(edge.to)") {
            forward[edge.from, default: []].append(edge.to)
            predecessors[edge.to, default: []].append(edge.from)
            incoming[edge.to, default: 0] += 1
        }
        var rank: [String: Int] = [:]
        var ready = discovery.filter { (incoming[$0] ?? 0) == 0 }
        var index = 0
        while index < ready.count {
            let node = ready[index]
            index += 1
            for target in forward[node] ?? [] {
                rank[target] = max(rank[target] ?? 0, (rank[node] ?? 0) + 1)
                incoming[target, default: 0] -= 1
                if incoming[target] == 0 { ready.append(target) }
            }
        }

        // Rows in discovery order, then each row sorted once by where its predecessors stand,
        // which untangles most decisions' branches.
        var rows: [[String]] = []
        for node in discovery {
            let row = rank[node] ?? 0
            while rows.count <= row { rows.append([]) }
            rows[row].append(node)
        }
        var column: [String: Double] = [:]
        for (rowIndex, row) in rows.enumerated() {
            var ordered = row
            if rowIndex > 0 {
                let weights = Dictionary(
                    uniqueKeysWithValues: row.enumerated().map { position, node -> (String, Double) in
                        let placed = (predecessors[node] ?? []).compactMap { column[$0] }
                        return (node, placed.isEmpty ? Double(position) : placed.reduce(0, +) / Double(placed.count))
                    })
                let original = Dictionary(uniqueKeysWithValues: row.enumerated().map { ($1, $0) })
                ordered = row.sorted {
                    let (left, right) = (weights[$0] ?? 0, weights[$1] ?? 0)
                    return left != right ? left < right : (original[$0] ?? 0) < (original[$1] ?? 0)
                }
            }
            rows[rowIndex] = ordered
            for (position, node) in ordered.enumerated() { column[node] = Double(position) - Double(ordered.count - 1) / 2 }
        }

        let widest = Double(rows.map(\.count).max() ?? 1)
        let step = Self.nodeWidth + Self.columnGap
        let contentWidth = widest * Self.nodeWidth + (widest - 1) * Self.columnGap
        let centre = Self.margin + contentWidth / 2
        var boxes: [String: Box] = [:]
        for (rowIndex, row) in rows.enumerated() {
            for node in row {
                boxes[node] = Box(
                    x: centre + (column[node] ?? 0) * step,
                    y: Self.margin + Self.nodeHeight / 2 + Double(rowIndex) * (Self.nodeHeight + Self.rowGap),
                    width: Self.nodeWidth, height: Self.nodeHeight, rank: rowIndex)
            }
        }
        self.boxes = boxes
        backEdges = back
        contentRight = Self.margin + contentWidth
        width = Self.margin * 2 + contentWidth + (back.isEmpty ? 0 : Self.backEdgeRoom)
        height = Self.margin * 2 + Double(rows.count) * Self.nodeHeight + Double(max(rows.count - 1, 0)) * Self.rowGap
    }
}
