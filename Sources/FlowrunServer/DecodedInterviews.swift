import FlowrunCore
import Foundation
import Synchronization

/// The interviews this server stored last, kept decoded, so that the next answer to one of them
/// does not decode its JSON again (about a tenth of a request's CPU under load).
///
/// An entry is used only when the row just loaded is byte for byte the state this server stored,
/// at the same version, of the same flow: then decoding it would give this very interview (the
/// catalog's flows do not change while the server runs, and `Interpreter.restore` of an unchanged
/// flow is a function of the bytes). When another server sharing the database answered the
/// interview since, its row differs and is decoded as before. The cache never decides who may
/// advance an interview: the owner check comes before it and the claim after it, as without it.
final class DecodedInterviews: Sendable {
    private struct Entry {
        var flowName: String
        var version: Int
        var state: Data
        var interview: Interview
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// At most this many interviews are kept (a few kilobytes each); beyond it one is let go.
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The decoded interview for `stored`, when this server stored exactly that row.
    func interview(for stored: StoredInterview) -> Interview? {
        entries.withLock { entries in
            guard let entry = entries[stored.id], entry.version == stored.version, entry.flowName == stored.flowName,
                entry.state == stored.state
            else { return nil }
            return entry.interview
        }
    }

    /// Keeps `interview` as the decoded form of `stored`, which has just been written.
    func keep(_ interview: Interview, as stored: StoredInterview) {
        let entry = Entry(flowName: stored.flowName, version: stored.version, state: stored.state, interview: interview)
        entries.withLock { entries in
            if entries[stored.id] == nil, entries.count >= capacity, let any = entries.keys.first {
                entries[any] = nil
            }
            entries[stored.id] = entry
        }
    }

    func forget(id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    var count: Int { entries.withLock { $0.count } }
}
