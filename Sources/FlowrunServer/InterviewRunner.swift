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

    private func interpreter(for flow: ValidatedFlow, user: FlowRecord?) -> Interpreter {
        Interpreter(
            flow: flow,
            services: FlowServices(
                records: records, clock: clock, random: SystemRandomSource(), console: console, logger: logger,
                runningUser: user))
    }

    /// Runs `flow` to its first screen or its end and stores it.
    /// - Throws: `RequestError` (400) for inputs the flow cannot take; storage errors.
    func start(_ flow: ValidatedFlow, inputs: [String: FlowValue], owner: String, user: FlowRecord?) async throws -> Loaded {
        let interview: Interview
        do {
            interview = try await interpreter(for: flow, user: user).start(inputs: inputs)
        } catch {
            throw RequestError(.badRequest, error.description)
        }
        // 256 bits from the system CSPRNG: the id is the only thing naming the interview in a URL.
        let id = Base64URL.random(bytes: 32)
        let loaded = Loaded(
            stored: StoredInterview(id: id, owner: owner, flowName: flow.name, state: Data(), updatedAt: clock.now()),
            interview: interview, flow: flow)
        return try await save(loaded)
    }

    /// The interview stored under `id`, when `owner` owns it; nil otherwise, so another session
    /// cannot tell a foreign interview from a missing one.
    func load(id: String, owner: String) async throws -> Loaded? {
        guard id.count <= 128, let stored = try await store.load(id: id),
            PasswordHash.constantTimeEqual(Data(stored.owner.utf8), Data(owner.utf8)),
            let flow = catalog[stored.flowName]
        else { return nil }
        let interview: Interview
        do {
            interview = try JSONDecoder().decode(Interview.self, from: stored.state)
        } catch {
            logger.error("stored interview cannot be read", metadata: ["flow": .string(stored.flowName)])
            return nil
        }
        return Loaded(stored: stored, interview: interview, flow: flow)
    }

    /// Answers the screen the interview waits at, runs on, and stores the result.
    func submit(
        _ loaded: Loaded, answers: [String: FlowValue], action: ScreenAction, user: FlowRecord?
    ) async throws -> Loaded {
        var next = loaded
        await interpreter(for: loaded.flow, user: user).resume(&next.interview, answers: answers, action: action)
        return try await save(next)
    }

    func delete(_ loaded: Loaded) async throws {
        try await store.delete(id: loaded.stored.id)
    }

    private func save(_ loaded: Loaded) async throws -> Loaded {
        var saved = loaded
        saved.stored.state = try JSONEncoder().encode(loaded.interview)
        saved.stored.updatedAt = clock.now()
        try await store.save(saved.stored)
        return saved
    }
}
