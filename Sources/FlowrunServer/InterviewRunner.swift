import FlowrunCore
import Foundation
import Logging

/// Starts and advances interviews for the web pages and the API alike, storing each one after
/// every screen under an unguessable id and the owner it is bound to.
struct InterviewRunner: Sendable {
    /// One interview as the routes see it: where it is stored, its state, and its flow.
    struct Loaded: Sendable {
        var stored: StoredInterview
        var interview: Interview
        var flow: ValidatedFlow
    }

    let catalog: FlowCatalog
    let records: any RecordStore
    let store: any InterviewStore
    let console: any ConsoleOutput
    let clock: any FlowClock
    let logger: Logger
    /// Where traces go for the debug view (`--debug-view`); nil when it is off.
    var debugTraces: DebugTraces? = nil
    /// The interviews this server stored last, decoded (see `DecodedInterviews`).
    var decoded = DecodedInterviews()

    private func interpreter(for flow: ValidatedFlow, user: FlowRecord?, observer: TraceCollector? = nil) -> Interpreter {
        Interpreter(
            flow: flow,
            services: FlowServices(
                records: records, clock: clock, random: SystemRandomSource(), console: console, logger: logger,
                runningUser: user, observer: observer))
    }

    /// A collector for this run when the debug view traces `flow`.
    private func collector(for flow: ValidatedFlow) -> TraceCollector? {
        guard let debugTraces, debugTraces.records(flow) else { return nil }
        return TraceCollector()
    }

    /// Runs `flow` to its first screen or its end and stores it.
    /// - Throws: `RequestError` (400) for inputs the flow cannot take; storage errors.
    func start(_ flow: ValidatedFlow, inputs: [String: FlowValue], owner: String, user: FlowRecord?) async throws -> Loaded {
        let interview: Interview
        let trace = collector(for: flow)
        do {
            interview = try await interpreter(for: flow, user: user, observer: trace).start(inputs: inputs)
        } catch {
            throw RequestError(.badRequest, error.description)
        }
        // 256 bits from the system CSPRNG: the id is the only thing naming the interview in a URL.
        let id = Base64URL.random(bytes: 32)
        let loaded = Loaded(
            stored: StoredInterview(id: id, owner: owner, flowName: flow.name, state: Data(), updatedAt: clock.now()),
            interview: interview, flow: flow)
        let saved = try await save(loaded)
        if let trace { debugTraces?.append(trace.collected, to: id) }
        return saved
    }

    /// The interview stored under `id`, when `owner` owns it; nil otherwise, so another session
    /// cannot tell a foreign interview from a missing one.
    /// - Throws: `RequestError` 410 (Gone), with `InterviewRestoreError`'s message, when it
    ///   cannot go on with its flow as the server has it now (edited since in a way the interview
    ///   cannot follow, or stored in a format this flowrun does not read). It stays stored, for a
    ///   server that has its flow as it was.
    func load(id: String, owner: String) async throws -> Loaded? {
        guard id.count <= 128, let stored = try await store.load(id: id),
            PasswordHash.constantTimeEqual(Data(stored.owner.utf8), Data(owner.utf8)),
            let flow = catalog[stored.flowName]
        else { return nil }
        if let interview = decoded.interview(for: stored) {
            return Loaded(stored: stored, interview: interview, flow: flow)
        }
        let interview: Interview
        do {
            interview = try interpreter(for: flow, user: nil).restore(stored.state)
        } catch {
            logger.notice(
                "stored interview cannot go on", metadata: ["flow": .string(stored.flowName), "reason": .string(error.reason.rawValue)])
            throw RequestError(.gone, error.description)
        }
        return Loaded(stored: stored, interview: interview, flow: flow)
    }

    /// Answers the screen the interview waits at, runs on, and stores the result. The interview
    /// is claimed first, so two requests for it (two tabs, a double click, two servers) never run
    /// it at once: the one that comes second, or that loaded it before another answer, is refused.
    /// - Throws: `RequestError.stale` (409) when another request answered or is answering it.
    ///
    /// Where the interview table shares the record store's database (SQLite), the claim, the flow
    /// transaction and the stored result are one database transaction (`RecordSharingInterviewStore`);
    /// elsewhere (PostgreSQL) they are three, one after another.
    func submit(
        _ loaded: Loaded, answers: [String: FlowValue], action: ScreenAction, user: FlowRecord?
    ) async throws -> Loaded {
        let now = clock.now()
        let until = now.addingTimeInterval(Self.claimLifetime)
        let trace = collector(for: loaded.flow)
        let interpreter = interpreter(for: loaded.flow, user: user, observer: trace)
        var next = loaded
        // The claim's version: the stored one moves on once for the claim and once for the save.
        next.stored.version += 1
        let saved: Loaded?
        if let shared = store as? any RecordSharingInterviewStore, shared.sharesTransactions(with: records) {
            saved = try await shared.claimAdvanceAndSave(id: loaded.stored.id, version: loaded.stored.version, until: until, now: now) {
                transaction in
                try await interpreter.resume(&next.interview, answers: answers, action: action, in: transaction)
                let saved = try stored(next)
                return (saved.stored, saved)
            }
        } else if try await store.claim(id: loaded.stored.id, version: loaded.stored.version, until: until, now: now) {
            await interpreter.resume(&next.interview, answers: answers, action: action)
            let result = try stored(next)
            try await store.save(result.stored)
            saved = result
        } else {
            saved = nil
        }
        guard let saved else {
            logger.notice("stale interview submission refused", metadata: ["flow": .string(loaded.flow.name)])
            throw RequestError.stale
        }
        // Only once it is committed: the cache holds rows that are in the database.
        decoded.keep(saved.interview, as: saved.stored)
        if let trace { debugTraces?.append(trace.collected, to: loaded.stored.id) }
        return saved
    }

    /// How long a claim holds if its request never stores a result (its server died): longer than
    /// any one step may take, callouts included (an email may take 30 s).
    static let claimLifetime: TimeInterval = 120

    func delete(_ loaded: Loaded) async throws {
        decoded.forget(id: loaded.stored.id)
        try await store.delete(id: loaded.stored.id)
        debugTraces?.remove(loaded.stored.id)
    }

    private func save(_ loaded: Loaded) async throws -> Loaded {
        let saved = try stored(loaded)
        try await store.save(saved.stored)
        decoded.keep(saved.interview, as: saved.stored)
        return saved
    }

    /// `loaded` as it is to be stored next: its snapshot, the time, the next version.
    private func stored(_ loaded: Loaded) throws -> Loaded {
        var saved = loaded
        saved.stored.state = try interpreter(for: loaded.flow, user: nil).snapshot(of: loaded.interview)
        saved.stored.updatedAt = clock.now()
        saved.stored.version += 1
        return saved
    }
}
