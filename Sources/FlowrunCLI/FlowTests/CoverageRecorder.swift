import FlowrunCore
import Synchronization

/// Records which elements one interview ran and which connectors it took (one recorder per
/// test, so tests running in parallel do not mix their paths).
final class CoverageRecorder: ExecutionObserver {
    private struct State {
        var elements: Set<String> = []
        var edges: Set<String> = []
        var previous: String?
    }

    private let state = Mutex(State())
    /// The file of the flow under test: elements of the subflows it calls are not its own.
    private let flowFile: String?

    init(flowFile: String? = nil) { self.flowFile = flowFile }

    func observe(_ event: ExecutionEvent) {
        if case .scheduledPath = event {
            // A scheduled path is a new interview that begins at the start.
            state.withLock { $0.previous = nil }
            return
        }
        guard case .element(let name, _, let location) = event else { return }
        if let flowFile, location.file != flowFile { return }
        state.withLock { state in
            state.elements.insert(name)
            state.edges.insert("\(state.previous ?? FlowGraph.startID)->\(name)")
            state.previous = name
        }
    }

    var coverage: GraphCoverage { state.withLock { GraphCoverage(elements: $0.elements, edges: $0.edges) } }
}

/// Elements and connectors of a flow that tests reached, as counts and percentages.
struct CoverageSummary: Encodable, Sendable {
    var flow: String
    var elementsCovered: Int
    var elementsTotal: Int
    var connectorsCovered: Int
    var connectorsTotal: Int
    var missedElements: [String]
    var missedConnectors: [String]
    var coveredElements: [String]
    var coveredConnectors: [String]

    init(flow: String, graph: FlowGraph, coverage: GraphCoverage) {
        self.flow = flow
        let elements = graph.nodes.map(\.id).filter { $0 != FlowGraph.startID }
        let edges = Set(graph.edges.map { "\($0.from)->\($0.to)" })
        elementsTotal = elements.count
        connectorsTotal = edges.count
        coveredElements = elements.filter { coverage.elements.contains($0) }.sorted()
        missedElements = elements.filter { !coverage.elements.contains($0) }.sorted()
        coveredConnectors = edges.filter { coverage.edges.contains($0) }.sorted()
        missedConnectors = edges.filter { !coverage.edges.contains($0) }.sorted()
        elementsCovered = coveredElements.count
        connectorsCovered = coveredConnectors.count
    }

    /// Elements and connectors together, as a percentage.
    var percent: Double {
        let total = elementsTotal + connectorsTotal
        return total == 0 ? 100 : Double(elementsCovered + connectorsCovered) * 100 / Double(total)
    }
}
