/// A flow as a graph: one node per element (and the start), one edge per connector, with
/// decision outcomes labelled and fault paths marked. Built from the parsed `Flow`, so a flow
/// that does not validate (a plug-in missing here, say) can still be drawn.
public struct FlowGraph: Sendable, Hashable {
    public enum Shape: String, Sendable, Hashable {
        case start, assignment, decision, records, plugin, screen, loop
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var label: String
        public var shape: Shape
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var label: String?
        public var isFault: Bool
    }

    public var nodes: [Node]
    public var edges: [Edge]

    public static let startID = "__start__"

    public init(_ flow: Flow) {
        nodes = [Node(id: Self.startID, label: "Start", shape: .start)]
        edges = []
        if let connector = flow.start?.connector {
            edges.append(Edge(from: Self.startID, to: connector.target, label: nil, isFault: false))
        }
        // Scheduled paths also begin at the start, each in its own interview.
        for path in flow.start?.trigger?.scheduledPaths ?? [] {
            guard let connector = path.connector else { continue }
            let label = path.label ?? path.name ?? (path.pathType == "AsyncAfterCommit" ? "Run Asynchronously" : "scheduled path")
            edges.append(Edge(from: Self.startID, to: connector.target, label: label, isFault: false))
        }
        for element in flow.elements {
            let label = element.label ?? element.name
            func link(_ connector: Connector?, _ text: String? = nil, fault: Bool = false) {
                guard let connector else { return }
                edges.append(Edge(from: element.name, to: connector.target, label: text, isFault: fault))
            }
            let shape: Shape
            switch element.kind {
            case .assignment(let assignment):
                shape = .assignment
                link(assignment.connector)
            case .decision(let decision):
                shape = .decision
                for rule in decision.rules { link(rule.connector, rule.label ?? rule.name) }
                link(decision.defaultConnector, decision.defaultLabel ?? "Default Outcome")
            case .recordLookup(let lookup):
                shape = .records
                link(lookup.connector)
                link(lookup.faultConnector, "fault", fault: true)
            case .recordCreate(let create):
                shape = .records
                link(create.connector)
                link(create.faultConnector, "fault", fault: true)
            case .recordUpdate(let update):
                shape = .records
                link(update.connector)
                link(update.faultConnector, "fault", fault: true)
            case .pluginCall(let call):
                shape = .plugin
                link(call.connector)
                link(call.faultConnector, "fault", fault: true)
            case .screen(let screen):
                shape = .screen
                link(screen.connector)
            case .loop(let loop):
                shape = .loop
                link(loop.nextConnector, "for each")
                link(loop.doneConnector, "after last")
            case .collectionProcessor, .recordDelete, .recordRollback, .customError, .transform, .wait:
                shape = Self.addDataElement(element.kind, link: link)
            case .subflow(let call):
                shape = .plugin
                link(call.connector)
                link(call.faultConnector, "fault", fault: true)
            }
            nodes.append(Node(id: element.name, label: label, shape: shape))
        }
    }
}
