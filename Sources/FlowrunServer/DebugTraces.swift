import FlowrunCore
import Synchronization

/// What `flowrun serve --debug-view` keeps of each interview: the events of its trace, in order,
/// over every request that advanced it. Kept in this process's memory only, never in the
/// database: a trace is for the author watching their own server, and storing it would put
/// more about each interview on disk than the interview itself needs (values arrive masked,
/// `ExecutionEvent`, but what ran and which records were read is still personal).
///
/// Login flows are never traced (`records(_:)`): they run before anyone is signed in, so their
/// path would tell whoever is at the login page which accounts exist, which are locked out and
/// why, and the debug view must not become that oracle.
final class DebugTraces: Sendable {
    /// At most this many interviews are kept; the least recently advanced is dropped first.
    static let interviewLimit = 200
    /// At most this many events per interview (a loop may run thousands of elements).
    static let eventLimit = 5_000

    private struct State {
        var events: [String: [ExecutionEvent]] = [:]
        var truncated: Set<String> = []
        /// Interview ids, least recently advanced first.
        var order: [String] = []
    }

    private let state = Mutex(State())
    private let loginFlows: Set<String>

    /// - Parameter loginFlows: the flows `login-flows.json` names (besides `LoginFlow` flows).
    init(loginFlows: Set<String>) { self.loginFlows = loginFlows }

    /// Whether interviews of `flow` are traced: every flow but login flows.
    func records(_ flow: ValidatedFlow) -> Bool { !flow.flow.isLoginFlow && !loginFlows.contains(flow.name) }

    /// Adds what one request ran of interview `id`.
    func append(_ events: [ExecutionEvent], to id: String) {
        state.withLock { state in
            var kept = state.events[id] ?? []
            let room = max(Self.eventLimit - kept.count, 0)
            if events.count > room { state.truncated.insert(id) }
            kept += events.prefix(room)
            state.events[id] = kept
            state.order.removeAll { $0 == id }
            state.order.append(id)
            while state.order.count > Self.interviewLimit {
                let dropped = state.order.removeFirst()
                state.events[dropped] = nil
                state.truncated.remove(dropped)
            }
        }
    }

    /// The events of interview `id` so far, and whether some were left out for the limit.
    func trace(of id: String) -> (events: [ExecutionEvent], truncated: Bool) {
        state.withLock { ($0.events[id] ?? [], $0.truncated.contains(id)) }
    }

    func remove(_ id: String) {
        state.withLock { state in
            state.events[id] = nil
            state.truncated.remove(id)
            state.order.removeAll { $0 == id }
        }
    }
}

/// Collects the events of one request's run of an interview, for `DebugTraces`.
final class TraceCollector: ExecutionObserver {
    private let events = Mutex<[ExecutionEvent]>([])

    func observe(_ event: ExecutionEvent) { events.withLock { $0.append(event) } }

    var collected: [ExecutionEvent] { events.withLock { $0 } }
}
