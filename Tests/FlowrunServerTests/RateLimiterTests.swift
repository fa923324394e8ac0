import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import PostgresNIO
import Testing

@testable import FlowrunServer

/// The sliding window and ended sessions, on every access store: attempts beyond the limit are
/// refused until the window has passed, racing attempts never overshoot, and two servers sharing a
/// database count the same attempts.
@Suite(.serialized) struct RateLimiterTests {
    enum Kind: String, CaseIterable, Sendable { case memory, sqlite, postgres }

    /// Runs `body` with a fresh store of `kind` (PostgreSQL: a fresh key space, same tables).
    static func withStore(_ kind: Kind, _ body: @escaping @Sendable (any AccessStore, String) async throws -> Void) async throws {
        let prefix = UUID().uuidString
        switch kind {
        case .memory: try await body(InMemoryAccessStore(), prefix)
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(prefix).sqlite").path
            try await body(try SQLiteAccessStore(path: path), prefix)
        case .postgres:
            let client = PostgresClient(configuration: try PostgresInterviewStore.configuration(url: PostgresInterviewStoreTests.url))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let store = PostgresAccessStore(client: client)
                try await store.prepare()
                try await body(store, prefix)
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func refusesBeyondTheLimitUntilTheWindowPasses(_ kind: Kind) async throws {
        try await Self.withStore(kind) { store, prefix in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_714_555_800))
            let limiter = RateLimiter(store: store, clock: clock)
            let rule = RateLimiter.Rule(limit: 3, window: 60)
            let key = prefix + "k"
            #expect(try await limiter.record(key, rule))
            #expect(try await limiter.record(key, rule))
            #expect(try await !limiter.isBlocked(key, rule))
            #expect(try await limiter.record(key, rule))
            #expect(try await limiter.isBlocked(key, rule))
            #expect(try await !limiter.record(key, rule))
            #expect(try await !limiter.isBlocked(prefix + "other", rule))
            clock.advance(by: 61)
            #expect(try await !limiter.isBlocked(key, rule))
            #expect(try await limiter.record(key, rule))
            try await limiter.reset(key)
            #expect(try await !limiter.isBlocked(key, rule))
        }
    }

    /// Fifty attempts at once against a limit of five: exactly five are counted.
    @Test(arguments: Kind.allCases)
    func racingAttemptsNeverOvershoot(_ kind: Kind) async throws {
        try await Self.withStore(kind) { store, prefix in
            let limiter = RateLimiter(store: store, clock: SystemClock())
            let rule = RateLimiter.Rule(limit: 5, window: 600)
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 { group.addTask { try await limiter.record(prefix + "race", rule) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(allowed == 5)
        }
    }

    @Test(arguments: Kind.allCases)
    func anEndedSessionStaysEndedUntilItsCookiesExpire(_ kind: Kind) async throws {
        try await Self.withStore(kind) { store, prefix in
            let now = Date(timeIntervalSince1970: 1_714_555_800)
            #expect(try await !store.isRevoked(session: prefix + "s", now: now))
            try await store.revoke(session: prefix + "s", until: now.addingTimeInterval(3600))
            #expect(try await store.isRevoked(session: prefix + "s", now: now.addingTimeInterval(10)))
            #expect(try await !store.isRevoked(session: prefix + "other", now: now))
            #expect(try await !store.isRevoked(session: prefix + "s", now: now.addingTimeInterval(3601)))
        }
    }

    /// Two stores on one SQLite file, as two servers would open it: attempts on one count on the other.
    @Test func twoServersOnOneFileShareTheCount() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString).sqlite").path
        let one = RateLimiter(store: try SQLiteAccessStore(path: path), clock: SystemClock())
        let other = RateLimiter(store: try SQLiteAccessStore(path: path), clock: SystemClock())
        let rule = RateLimiter.Rule(limit: 3, window: 600)
        #expect(try await one.record("shared", rule))
        #expect(try await other.record("shared", rule))
        #expect(try await one.record("shared", rule))
        #expect(try await other.isBlocked("shared", rule))
        #expect(try await !other.record("shared", rule))
    }

    /// However long the key (a username of one letter and thousands of combining marks), what
    /// is stored is 64 characters.
    @Test func keysAreStoredAsFixedSizeDigests() {
        let long = "a" + String(repeating: "\u{0301}", count: 10_000)
        #expect(RateLimiter.digest(long).utf8.count == 64)
        // FIPS 180-2's test vector for SHA-256.
        #expect(RateLimiter.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(RateLimiter.digest("password:ada@example.com") != RateLimiter.digest("password:bob@example.com"))
    }
}
