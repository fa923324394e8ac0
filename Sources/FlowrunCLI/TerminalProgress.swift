import Foundation
import Synchronization

/// One line on standard error, rewritten in place, saying how far long work is (`data import`:
/// records written; `test`: test files run): only when standard error is a terminal, so logs,
/// pipes and CI get nothing.
final class TerminalProgress: Sendable {
    private struct State {
        var shownPercent = -1
        var shown = false
    }

    private let state = Mutex(State())
    private let label: String
    private let unit: String

    /// nil when standard error is not a terminal.
    init?(label: String, unit: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
        self.unit = unit
    }

    /// Shows `done` of `total`, at most once per percent so a big import does not flood the
    /// terminal; `detail` (the file being run) follows the count.
    func update(_ done: Int, of total: Int, detail: String? = nil) {
        let percent = total == 0 ? 100 : done * 100 / total
        let line: String? = state.withLock { state in
            guard percent != state.shownPercent else { return nil }
            state.shownPercent = percent
            state.shown = true
            return "\r\u{1B}[2K\(label): \(done)/\(total) \(unit) (\(percent)%)\(detail.map { " \($0)" } ?? "")"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the line, so what is printed next starts clean.
    func finish() {
        let wasShown = state.withLock { $0.shown }
        if wasShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
