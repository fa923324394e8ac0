import Foundation
import Synchronization

/// Attempts and revoked sessions in this process's memory: one server, or tests.
public final class InMemoryAccessStore: AccessStore {
    private struct State {
        var attempts: [String: [Date]] = [:]
        var revoked: [String: Date] = [:]
    }

    private let state = Mutex(State())
    /// Beyond this many keys, those with nothing in the last window are dropped: many made-up
    /// usernames must not grow memory without bound.
    private let maxKeys: Int

    public init(maxKeys: Int = 100_000) { self.maxKeys = maxKeys }

    public func countAttempt(_ key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool {
        state.withLock { state in
            let start = now.addingTimeInterval(-window)
            if state.attempts.count > maxKeys {
                state.attempts = state.attempts.filter { $0.value.contains { $0 > start } }
            }
            var times = (state.attempts[key] ?? []).filter { $0 > start }
            guard times.count < limit else {
                state.attempts[key] = times
                return false
            }
            times.append(now)
            state.attempts[key] = times
            return true
        }
    }

    public func attempts(_ key: String, window: TimeInterval, now: Date) async throws -> Int {
        let start = now.addingTimeInterval(-window)
        return state.withLock { ($0.attempts[key] ?? []).filter { $0 > start }.count }
    }

    public func clearAttempts(_ key: String) async throws {
        state.withLock { $0.attempts[key] = nil }
    }

    public func revoke(session: String, until: Date) async throws {
        state.withLock { state in
            state.revoked = state.revoked.filter { $0.value > until.addingTimeInterval(-86_400) }
            state.revoked[session] = until
        }
    }

    public func isRevoked(session: String, now: Date) async throws -> Bool {
        state.withLock { state in state.revoked[session].map { $0 > now } ?? false }
    }
}
