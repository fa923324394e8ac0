import Logging
import Synchronization

/// Collects what a `Logger` logs, for asserting on it. Make the logger with
/// `Logger(label:factory:)` (``logger(label:)``), never with `LoggingSystem.bootstrap`, which
/// is process-wide and can be called once.
public final class LogCapture: Sendable {
    /// One logged entry, with its metadata rendered as text.
    public struct Entry: Sendable, Hashable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]

        /// The message and every metadata key and value, for "never contains" checks.
        public var fullText: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    private let storage = Mutex<[Entry]>([])

    public init() {}

    /// A logger that writes here, at `level` and above.
    public func logger(label: String = "flowrun.test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    public var entries: [Entry] { storage.withLock { $0 } }

    /// Every entry's full text, one per line.
    public var text: String { entries.map(\.fullText).joined(separator: "\n") }

    fileprivate func append(_ entry: Entry) { storage.withLock { $0.append(entry) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata.merging(event.metadata ?? [:]) { _, new in new }.mapValues { "\($0)" }
            if let error = event.error { merged["error"] = "\(error)" }
            capture.append(Entry(level: event.level, message: "\(event.message)", metadata: merged))
        }
    }
}
