import FlowrunCore
import Foundation
import Logging
import PostgresNIO

/// Paused interviews in PostgreSQL, for several `flowrun serve` processes behind one load balancer:
/// any of them resumes an interview another one stored.
///
/// One table, `flowrun_interviews(id, owner, flow, state, updated)`, created by `prepare()`. The
/// caller owns the `PostgresClient` and keeps its `run()` going while the store is used. Errors are
/// `PostgresInterviewStoreError`s that carry the server's message, never the bound values (the
/// state may hold personal data or one-time codes).
public struct PostgresInterviewStore: InterviewStore, InterviewStoreMaintenance {
    private let client: PostgresClient
    private let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "flowrun.postgres")) {
        self.client = client
        self.logger = logger
    }

    /// Creates the table when it is not there yet.
    public func prepare() async throws {
        _ = try await perform("create the interview table") {
            try await client.query(
                """
                CREATE TABLE IF NOT EXISTS flowrun_interviews (
                    id text PRIMARY KEY, owner text NOT NULL, flow text NOT NULL, state bytea NOT NULL,
                    updated timestamptz NOT NULL)
                """, logger: logger)
            // Tables made before claims existed gain their columns.
            try await client.query(
                "ALTER TABLE flowrun_interviews ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 0", logger: logger)
            try await client.query(
                "ALTER TABLE flowrun_interviews ADD COLUMN IF NOT EXISTS claimed_until timestamptz", logger: logger)
            // Expiry deletes by age: without the index every sweep reads the whole table.
            try await client.query(
                "CREATE INDEX IF NOT EXISTS flowrun_interviews_updated ON flowrun_interviews (updated)", logger: logger)
        }
    }

    public func save(_ interview: StoredInterview) async throws {
        _ = try await perform("store interview") {
            try await client.query(
                """
                INSERT INTO flowrun_interviews (id, owner, flow, state, updated, version, claimed_until)
                VALUES (\(interview.id), \(interview.owner), \(interview.flowName), \(interview.state), \(interview.updatedAt),
                    \(interview.version), NULL)
                ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, flow = EXCLUDED.flow, state = EXCLUDED.state,
                    updated = EXCLUDED.updated, version = EXCLUDED.version, claimed_until = NULL
                """, logger: logger)
        }
    }

    public func load(id: String) async throws -> StoredInterview? {
        try await perform("read interview") {
            let rows = try await client.query(
                "SELECT owner, flow, state, updated, version FROM flowrun_interviews WHERE id = \(id)", logger: logger)
            for try await (owner, flow, state, updated, version) in rows.decode((String, String, Data, Date, Int).self) {
                return StoredInterview(id: id, owner: owner, flowName: flow, state: state, updatedAt: updated, version: version)
            }
            return nil
        }
    }

    public func claim(id: String, version: Int, until: Date, now: Date) async throws -> Bool {
        try await perform("claim interview") {
            // One statement: PostgreSQL's row lock makes the check and the take atomic across servers.
            let rows = try await client.query(
                """
                UPDATE flowrun_interviews SET version = version + 1, claimed_until = \(until)
                WHERE id = \(id) AND version = \(version) AND (claimed_until IS NULL OR claimed_until < \(now))
                RETURNING version
                """, logger: logger)
            for try await _ in rows.decode(Int.self) { return true }
            return false
        }
    }

    public func delete(id: String) async throws {
        _ = try await perform("delete interview") {
            try await client.query("DELETE FROM flowrun_interviews WHERE id = \(id)", logger: logger)
        }
    }

    public func deleteInterviews(untouchedSince cutoff: Date, now: Date) async throws -> Int {
        try await perform("delete expired interviews") {
            let rows = try await client.query(
                """
                WITH deleted AS (
                    DELETE FROM flowrun_interviews
                    WHERE updated < \(cutoff) AND (claimed_until IS NULL OR claimed_until < \(now)) RETURNING 1)
                SELECT count(*) FROM deleted
                """, logger: logger)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    public func storedInterviews() async throws -> (count: Int, stateBytes: Int) {
        try await perform("count interviews") {
            let rows = try await client.query(
                "SELECT count(*), coalesce(sum(octet_length(state)), 0)::bigint FROM flowrun_interviews", logger: logger)
            for try await (count, bytes) in rows.decode((Int, Int).self) { return (count, bytes) }
            return (0, 0)
        }
    }

    private func perform<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        try await PostgresAction.perform(action, body)
    }

    /// A client configuration from `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (TLS is not used:
    /// the database is expected on the same host or a private network).
    /// - Throws: `PostgresInterviewStoreError` for a URL of another form.
    public static func configuration(url text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql",
            let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty
        else {
            throw PostgresInterviewStoreError(
                description:
                    "expected a URL like postgres://USER:PASSWORD@HOST:5432/DATABASE (the URL is not shown, it may hold a password)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

/// The PostgreSQL interview store could not do its work.
public struct PostgresInterviewStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
