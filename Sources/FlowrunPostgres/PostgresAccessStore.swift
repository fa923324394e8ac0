import FlowrunCore
import Foundation
import Logging
import PostgresNIO

/// Attempts and revoked sessions in PostgreSQL, for several `flowrun serve` processes: a password
/// guessed on one server counts on every other, and a logout on one ends the session on all.
///
/// Tables `flowrun_access_attempts(key, at)` and `flowrun_revoked_sessions(session, until)`,
/// created by `prepare()`. Counting an attempt takes a transaction-scoped advisory lock on the key,
/// so the check and the insert of racing requests on any server happen one after the other.
public struct PostgresAccessStore: AccessStore {
    private let client: PostgresClient
    private let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "flowrun.postgres")) {
        self.client = client
        self.logger = logger
    }

    /// Creates the tables when they are not there yet.
    public func prepare() async throws {
        try await perform("create the access tables") {
            try await client.query(
                "CREATE TABLE IF NOT EXISTS flowrun_access_attempts (key text NOT NULL, at timestamptz NOT NULL)",
                logger: logger)
            try await client.query(
                "CREATE INDEX IF NOT EXISTS flowrun_access_attempts_by_key ON flowrun_access_attempts (key, at)",
                logger: logger)
            try await client.query(
                "CREATE TABLE IF NOT EXISTS flowrun_revoked_sessions (session text PRIMARY KEY, until timestamptz NOT NULL)",
                logger: logger)
        }
    }

    public func countAttempt(_ key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool {
        let start = now.addingTimeInterval(-window)
        let logger = logger
        return try await perform("count an attempt") {
            try await client.withTransaction(logger: logger) { connection -> Bool in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))", logger: logger)
                try await connection.query(
                    "DELETE FROM flowrun_access_attempts WHERE key = \(key) AND at <= \(start)", logger: logger)
                var count = 0
                let rows = try await connection.query(
                    "SELECT count(*)::bigint FROM flowrun_access_attempts WHERE key = \(key)", logger: logger)
                for try await value in rows.decode(Int.self) { count = value }
                guard count < limit else { return false }
                try await connection.query("INSERT INTO flowrun_access_attempts (key, at) VALUES (\(key), \(now))", logger: logger)
                return true
            }
        }
    }

    public func attempts(_ key: String, window: TimeInterval, now: Date) async throws -> Int {
        let start = now.addingTimeInterval(-window)
        return try await perform("read attempts") {
            let rows = try await client.query(
                "SELECT count(*)::bigint FROM flowrun_access_attempts WHERE key = \(key) AND at > \(start)", logger: logger)
            for try await value in rows.decode(Int.self) { return value }
            return 0
        }
    }

    public func clearAttempts(_ key: String) async throws {
        try await perform("clear attempts") {
            try await client.query("DELETE FROM flowrun_access_attempts WHERE key = \(key)", logger: logger)
        }
    }

    public func revoke(session: String, until: Date) async throws {
        let stale = until.addingTimeInterval(-86_400)
        try await perform("end a session") {
            try await client.query("DELETE FROM flowrun_revoked_sessions WHERE until < \(stale)", logger: logger)
            try await client.query(
                """
                INSERT INTO flowrun_revoked_sessions (session, until) VALUES (\(session), \(until))
                ON CONFLICT (session) DO UPDATE SET until = EXCLUDED.until
                """, logger: logger)
        }
    }

    public func isRevoked(session: String, now: Date) async throws -> Bool {
        try await perform("read ended sessions") {
            let rows = try await client.query(
                "SELECT 1::bigint FROM flowrun_revoked_sessions WHERE session = \(session) AND until > \(now)", logger: logger)
            for try await _ in rows.decode(Int.self) { return true }
            return false
        }
    }

    @discardableResult
    private func perform<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        try await PostgresAction.perform(action, body)
    }
}
