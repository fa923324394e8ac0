import FlowrunCore
import Foundation
import GRDB

/// Attempts and revoked sessions in SQLite: the servers sharing one database file share them.
///
/// Two tables, `access_attempts(key, at)` and `revoked_sessions(session, until)`; counting an
/// attempt reads and inserts in one `BEGIN IMMEDIATE` transaction, so racing requests (in this
/// process or another) cannot overshoot a limit.
public final class SQLiteAccessStore: AccessStore {
    private let database: SQLiteWriter

    /// Opens (or creates) the tables in the database file at `path`; it may be the record store's file.
    /// - Throws: `RecordStoreError(.storage)` when the file cannot be opened or prepared.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "flowrun.access"
        configuration.busyMode = .timeout(SQLiteRecordStore.lockWait)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            database = .own(pool)
        } catch {
            throw SQLiteRecordStore.storageError("open the access tables at \(path)", error)
        }
    }

    /// The access tables in the record store's database, written through its connection
    /// (`SQLiteWriter`), as `flowrun serve` keeps them.
    /// - Throws: `RecordStoreError(.storage)` when the tables cannot be prepared.
    public init(sharing store: SQLiteRecordStore) throws {
        database = .shared(store)
        do {
            try Self.migrator.migrate(database.migrating)
        } catch {
            throw SQLiteRecordStore.storageError("prepare the access tables", error)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: access") { db in
            try db.create(table: "access_attempts") { table in
                table.column("key", .text).notNull()
                table.column("at", .double).notNull()
            }
            try db.create(index: "access_attempts_by_key", on: "access_attempts", columns: ["key", "at"])
            try db.create(table: "revoked_sessions") { table in
                table.primaryKey("session", .text)
                table.column("until", .double).notNull()
            }
        }
        return migrator
    }

    public func countAttempt(_ key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool {
        let start = now.addingTimeInterval(-window).timeIntervalSince1970
        return try await write("count an attempt") { db in
            // Old attempts of this key go first, so the table holds only the windows in use.
            try db.execute(sql: "DELETE FROM access_attempts WHERE key = ? AND at <= ?", arguments: [key, start])
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM access_attempts WHERE key = ?", arguments: [key]) ?? 0
            guard count < limit else { return false }
            try db.execute(
                sql: "INSERT INTO access_attempts (key, at) VALUES (?, ?)", arguments: [key, now.timeIntervalSince1970])
            return true
        }
    }

    public func attempts(_ key: String, window: TimeInterval, now: Date) async throws -> Int {
        let start = now.addingTimeInterval(-window).timeIntervalSince1970
        do {
            return try await database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM access_attempts WHERE key = ? AND at > ?", arguments: [key, start]) ?? 0
            }
        } catch {
            throw SQLiteRecordStore.storageError("read attempts", error)
        }
    }

    public func clearAttempts(_ key: String) async throws {
        _ = try await write("clear attempts") { db in
            try db.execute(sql: "DELETE FROM access_attempts WHERE key = ?", arguments: [key])
            return true
        }
    }

    public func revoke(session: String, until: Date) async throws {
        _ = try await write("end a session") { db in
            try db.execute(
                sql: "DELETE FROM revoked_sessions WHERE until < ?", arguments: [until.addingTimeInterval(-86_400).timeIntervalSince1970])
            try db.execute(
                sql:
                    "INSERT INTO revoked_sessions (session, until) VALUES (?, ?) ON CONFLICT (session) DO UPDATE SET until = excluded.until",
                arguments: [session, until.timeIntervalSince1970])
            return true
        }
    }

    public func isRevoked(session: String, now: Date) async throws -> Bool {
        do {
            return try await database.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE session = ? AND until > ?)",
                    arguments: [session, now.timeIntervalSince1970]) ?? false
            }
        } catch {
            throw SQLiteRecordStore.storageError("read ended sessions", error)
        }
    }

    private func write(_ action: String, _ body: @escaping @Sendable (Database) throws -> Bool) async throws -> Bool {
        do {
            // GRDB's write is one IMMEDIATE transaction: the write lock is taken before the read.
            return try await database.write(body)
        } catch {
            throw SQLiteRecordStore.mapped(action, error)
        }
    }
}
