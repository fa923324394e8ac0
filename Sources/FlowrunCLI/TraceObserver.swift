import FlowrunCore
import Foundation
import Synchronization

/// `--trace` and `--trace-json`: every executed element with where it is, decision outcomes with
/// the conditions that held, assignments (old → new), plug-in inputs and outputs, record queries
/// and their row counts. Secrets arrive already masked (`ExecutionEvent`).
final class TraceObserver: ExecutionObserver {
    enum Format { case text, jsonLines }

    private let handle: FileHandle
    private let format: Format
    private let encoder: JSONEncoder
    private let lock = Mutex(())

    init(handle: FileHandle, format: Format) {
        self.handle = handle
        self.format = format
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func observe(_ event: ExecutionEvent) {
        let text: String
        switch format {
        case .text: text = Self.describe(event).map { "trace: " + $0 }.joined(separator: "\n")
        case .jsonLines: text = (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        lock.withLock { _ in handle.write(Data((text + "\n").utf8)) }
    }

    static func describe(_ event: ExecutionEvent) -> [String] {
        switch event {
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
