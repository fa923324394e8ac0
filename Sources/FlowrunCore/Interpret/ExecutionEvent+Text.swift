extension ExecutionEvent {
    /// The event as lines of `--trace` text (details indented under their element), as the
    /// terminal and the debug view of `flowrun serve` show it. Values arrive already masked.
    public var traceLines: [String] {
        switch self {
        case .element(let name, let kind, let location):
            return ["\(location) \(name) (\(kind))"]
        case .decision(_, let outcome, let conditions):
            return conditions.map { "  \($0.rule): \($0.text) → \($0.held)" } + ["  outcome: \(outcome)"]
        case .assignment(_, let target, let old, let new):
            return ["  \(target): \(old) → \(new)"]
        case .pluginCall(_, let plugin, let inputs, let outputs):
            let given = inputs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            let returned = outputs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            return ["  call \(plugin)(\(given))", "  returned \(returned)"]
        case .recordQuery(_, let object, let filters, let rows, let servedBy):
            let condition = filters.isEmpty ? "" : " where \(filters)"
            let plan = servedBy.map { " (\($0))" } ?? ""
            return ["  query \(object)\(condition) → \(rows) row\(rows == 1 ? "" : "s")\(plan)"]
        case .recordWrite(_, let operation, let object, let rows):
            return ["  \(operation) \(object) → \(rows) row\(rows == 1 ? "" : "s")"]
        case .loop(_, let path):
            return ["  loop: \(path)"]
        case .fault(_, let message):
            return ["  fault: \(message) → fault connector"]
        case .screen(let element):
            return ["  waiting at screen \(element)"]
        case .clockMoved(_, let time):
            return ["  resumes at \(time)"]
        case .scheduledPath(let name, let time):
            return ["scheduled path \(name) at \(time)"]
        }
    }
}
