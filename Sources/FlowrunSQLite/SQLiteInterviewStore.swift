import FlowrunCore
import Foundation
import GRDB

/// Paused interviews in SQLite: a file that outlives the server, so a restarted `flowrun serve`
/// resumes each interview at the screen where it waited.
///
/// One table, `interviews(id, owner, flow, state, updated)`: the state is the JSON-encoded
/// `Interview` as the interpreter wrote it. Errors are `InterviewStoreError`s that never show the
/// stored state (it may hold personal data or one-time codes).
public final class SQLiteInterviewStore: InterviewStore, InterviewStoreMaintenance {
    let database: SQLiteWriter

    /// Opens (or creates) the database file at `path`; it may be the record store's file too.
    /// - Throws: `InterviewStoreError` when the file cannot be opened or prepared.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "flowrun.interviews"
        // The record store (or another server process) may hold the file for a moment.
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
            database = .own(queue)
        } catch {
            throw InterviewStoreError.wrapping("open the interview database at \(path)", error)
        }
    }

    /// A store in memory, for tests.
    public init() throws {
        do {
            let queue = try DatabaseQueue()
            try Self.migrator.migrate(queue)
            database = .own(queue)
        } catch {
            throw InterviewStoreError.wrapping("create an in-memory interview database", error)
        }
    }

    /// The interview table in the record store's database, written through its connection, so
    /// a server's stored interviews and record transactions queue in one line (`SQLiteWriter`).
    /// - Throws: `InterviewStoreError` when the table cannot be prepared.
    public init(sharing store: SQLiteRecordStore) throws {
        database = .shared(store)
        do {
            try Self.migrator.migrate(database.migrating)
        } catch {
            throw InterviewStoreError.wrapping("prepare the interview table", error)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: interviews") { db in
            try db.create(table: "interviews") { table in
                table.primaryKey("id", .text)
                table.column("owner", .text).notNull()
                table.column("flow", .text).notNull()
                table.column("state", .blob).notNull()
                table.column("updated", .double).notNull()
            }
        }
        migrator.registerMigration("v2: claims") { db in
            try db.alter(table: "interviews") { table in
                table.add(column: "version", .integer).notNull().defaults(to: 0)
                table.add(column: "claimed_until", .double)
            }
        }
        migrator.registerMigration("v3: expiry index") { db in
            // Expiry deletes by age: without the index every sweep reads the whole table.
            try db.create(index: "interviews_updated", on: "interviews", columns: ["updated"], ifNotExists: true)
        }
        return migrator
    }

    public func save(_ interview: StoredInterview) async throws {
        try await perform("store interview") { db in try Self.save(interview, in: db) }
    }

    /// `save`'s statement, in whatever transaction is open on `db`.
    static func save(_ interview: StoredInterview, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO interviews (id, owner, flow, state, updated, version, claimed_until)
                VALUES (?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, flow = excluded.flow,
                    state = excluded.state, updated = excluded.updated, version = excluded.version,
                    claimed_until = NULL
                """
        ).execute(arguments: [
            interview.id, interview.owner, interview.flowName, interview.state,
            interview.updatedAt.timeIntervalSince1970, interview.version,
        ])
    }

    public func load(id: String) async throws -> StoredInterview? {
        // A read of the last commit, not a write transaction: it takes no turn at the writer's
        // gate. A row that is stale by the time it is used is caught by the claim, as before.
        try await perform("read interview", reading: true) { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, owner, flow, state, updated, version FROM interviews WHERE id = ?", arguments: [id])
            else { return nil }
            return StoredInterview(
                id: row["id"], owner: row["owner"], flowName: row["flow"], state: row["state"],
                updatedAt: Date(timeIntervalSince1970: row["updated"]), version: row["version"])
        }
    }

    public func claim(id: String, version: Int, until: Date, now: Date) async throws -> Bool {
        try await perform("claim interview") { db in try Self.claim(id: id, version: version, until: until, now: now, in: db) }
    }

    /// `claim`'s statement, in whatever transaction is open on `db`.
    static func claim(id: String, version: Int, until: Date, now: Date, in db: Database) throws -> Bool {
        // One statement: the check and the take are atomic, whoever else is trying.
        try db.cachedStatement(
            sql: """
                UPDATE interviews SET version = version + 1, claimed_until = ?
                WHERE id = ? AND version = ? AND (claimed_until IS NULL OR claimed_until < ?)
                """
        ).execute(arguments: [until.timeIntervalSince1970, id, version, now.timeIntervalSince1970])
        return db.changesCount == 1
    }

    public func delete(id: String) async throws {
        try await perform("delete interview") { db in
            try db.execute(sql: "DELETE FROM interviews WHERE id = ?", arguments: [id])
        }
    }

    public func deleteInterviews(untouchedSince cutoff: Date, now: Date) async throws -> Int {
        try await perform("delete expired interviews") { db in
            try db.execute(
                sql: "DELETE FROM interviews WHERE updated < ? AND (claimed_until IS NULL OR claimed_until < ?)",
                arguments: [cutoff.timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    public func storedInterviews() async throws -> (count: Int, stateBytes: Int) {
        try await perform("count interviews") { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM interviews")
            return (row?["n"] ?? 0, row?["bytes"] ?? 0)
        }
    }

    private func perform<T: Sendable>(
        _ action: String, reading: Bool = false, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await reading ? database.read(body) : database.write(body)
        } catch {
            throw InterviewStoreError.wrapping(action, error)
        }
    }
}

/// The interview store could not do its work: the action and SQLite's message, never the
/// statement's arguments.
public struct InterviewStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String

    static func wrapping(_ action: String, _ error: any Error) -> InterviewStoreError {
        if let error = error as? DatabaseError {
            return InterviewStoreError(
                description: "could not \(action): SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")")
        }
        return InterviewStoreError(description: "could not \(action): \(error)")
    }
}
