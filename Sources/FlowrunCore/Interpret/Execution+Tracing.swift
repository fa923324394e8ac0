extension Execution {
    /// Reports an event to the observer, building it only when someone is watching.
    ///
    /// Inlined so that the test of `observing` comes before the event's closure is formed: called
    /// from a mutating method, forming the closure copied the whole execution (its interview, every
    /// value), which was half a loop step's time when nobody watched.
    @inline(__always)
    func report(_ event: @autoclosure () -> ExecutionEvent) {
        guard observing, let observer = services.observer else { return }
        observer.observe(event())
    }

    /// A value as traces show it: text quoted, null as `null`, records by object and Id only
    /// (their fields may hold secrets), and secrets masked.
    /// The items of a collection a trace shows; the rest are counted.
    static let tracedItems = 10

    func traceText(_ value: FlowValue, secret: Bool) -> String {
        if secret && !value.isNull { return SecretMask.text }
        switch value {
        case .null: return "null"
        case .string(let text): return "\"\(text)\""
        case .record(let record): return "<\(record.objectType ?? "record") \(record.id ?? "without Id")>"
        case .collection(let items) where items.count > Self.tracedItems:
            // A loop that gathers items would otherwise trace the whole collection at every step:
            // text quadratic in its size (20,000 records took seconds to trace).
            let shown = items.prefix(Self.tracedItems).map { traceText($0, secret: false) }
            return "[" + shown.joined(separator: ", ") + ", … \(items.count - Self.tracedItems) more]"
        case .collection(let items):
            return "[" + items.map { traceText($0, secret: false) }.joined(separator: ", ") + "]"
        default: return value.displayText
        }
    }

    /// Whether an expression's value may be a secret: it reads a secret resource.
    func isSecret(_ expression: BoundExpression?) -> Bool {
        guard let expression else { return false }
        switch expression {
        case .slot(let slot, _): return flow.resources[slot].isSecret
        case .formula(let formula, _):
            return formula.references.contains { flow.slot(named: $0.head).map { flow.resources[$0].isSecret } ?? false }
        case .template(let template):
            return template.parts.contains {
                if case .value(let inner) = $0 { return isSecret(inner) }
                return false
            }
        case .literal, .global: return false
        }
    }

    /// How an expression reads in a trace: the resource name, or the literal.
    func traceName(_ expression: BoundExpression?) -> String {
        guard let expression else { return "null" }
        switch expression {
        case .literal(let value): return traceText(value, secret: false)
        case .slot(let slot, let fields): return ([flow.resources[slot].name] + fields).joined(separator: ".")
        case .global(let global, let fields): return (["\(global)"] + fields).joined(separator: ".")
        case .formula(let formula, _): return "formula \(formula.source)"
        case .template: return "text template"
        }
    }

    func targetName(_ target: BoundTarget) -> String {
        ([flow.resources[target.slot].name] + target.fields).joined(separator: ".")
    }
}
