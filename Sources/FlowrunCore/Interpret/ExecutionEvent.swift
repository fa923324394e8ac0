/// What an interview did, as observers see it. Values are already rendered as text, with
/// credentials and one-time codes masked (`••••••`), so no observer can leak them.
public enum ExecutionEvent: Sendable, Hashable, Codable {
    /// An element is about to run.
    case element(name: String, kind: String, location: SourceLocation)
    /// A decision chose `outcome`; each condition with whether it held.
    case decision(element: String, outcome: String, conditions: [ConditionResult])
    /// An assignment changed `target` from `old` to `new`.
    case assignment(element: String, target: String, old: String, new: String)
    /// A plug-in call with its inputs and outputs.
    case pluginCall(element: String, plugin: String, inputs: [NamedValue], outputs: [NamedValue])
    /// A record query and how many rows it returned.
    /// `servedBy`: the index searched or the table scanned, when the store says (`--trace`).
    case recordQuery(element: String, object: String, filters: String, rows: Int, servedBy: String? = nil)
    /// Records written: created, updated or deleted.
    case recordWrite(element: String, operation: String, object: String, rows: Int)
    /// A loop moved to its next item, or finished.
    case loop(element: String, path: String)
    /// An element failed and the flow took its fault connector.
    case fault(element: String, message: String)
    /// The interview stopped at a screen.
    case screen(element: String)
    /// A wait resumed on a time event and moved the interview's clock to its time (ISO 8601).
    case clockMoved(element: String, to: String)
    /// A scheduled path of a record-triggered flow starts its own interview at its due time
    /// (ISO 8601, virtual time).
    case scheduledPath(name: String, time: String)

    public struct ConditionResult: Sendable, Hashable, Codable {
        public var rule: String
        public var text: String
        public var held: Bool

        public init(rule: String, text: String, held: Bool) {
            self.rule = rule
            self.text = text
            self.held = held
        }
    }

    public struct NamedValue: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The element the event belongs to.
    public var elementName: String {
        switch self {
        case .element(let name, _, _): name
        case .decision(let element, _, _), .assignment(let element, _, _, _), .pluginCall(let element, _, _, _),
            .recordQuery(let element, _, _, _, _), .recordWrite(let element, _, _, _), .loop(let element, _),
            .fault(let element, _), .screen(let element), .clockMoved(let element, _):
            element
        case .scheduledPath(let name, _): name
        }
    }
}

/// How secrets look wherever values are shown.
public enum SecretMask {
    public static let text = "••••••"
}
