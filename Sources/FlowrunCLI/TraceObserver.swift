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

    static func describe(_ event: ExecutionEvent) -> [String] { event.traceLines }
}
