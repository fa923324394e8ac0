import FlowrunCore
import Foundation
import GRDB

/// A record store in SQLite, through GRDB: a file that keeps records between runs, or a
/// database in memory for tests.
///
/// Any object and any field work without a declared schema: records live in one table, their
/// fields as typed JSON (`RecordSchema`, `StoredFields`). Queries compile to parameterised SQL
/// (`QuerySQL`) that gives the same answers as `InMemoryRecordStore`. Errors are
/// `RecordStoreError`s; SQLite failures become `.storage` errors that never show bound values.
public final class SQLiteRecordStore: RecordStore {
    /// Serialises every access; GRDB's `DatabaseQueue` is Sendable and lends its connection only
    /// inside `read`/`write` closures.
    private let database: DatabaseQueue

    /// Opens (or creates) the database file at `path` and brings its schema up to date.
    /// - Throws: `RecordStoreError(.storage)` when the file cannot be opened or is not a record store.
    public convenience init(path: String) throws {
        var configuration = Self.configuration
        // Another process (a second `flowrun run`) may hold the file for a moment.
        configuration.busyMode = .timeout(5)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.storageError("open the record database at \(path)", error)
        }
        try self.init(queue: queue, place: "at \(path)")
    }

    /// A new, empty store in memory, gone when the store is.
    /// - Throws: `RecordStoreError(.storage)` if SQLite cannot set it up.
    public static func inMemory() throws -> SQLiteRecordStore {
        do {
            return try SQLiteRecordStore(queue: DatabaseQueue(configuration: configuration), place: "in memory")
        } catch let error as RecordStoreError {
            throw error
        } catch {
            throw storageError("create an in-memory record database", error)
        }
    }

    /// Opens the file at `path` (in memory when nil) and, if it holds no records yet, loads `fixture`.
    /// An existing database with records is used as it is, so a fixture is not loaded twice.
    /// - Throws: `RecordStoreError` or `RecordFixtureError`.
    public static func open(path: String?, fixture: RecordFixture? = nil) async throws -> SQLiteRecordStore {
        let store = try path.map { try SQLiteRecordStore(path: $0) } ?? inMemory()
        if let fixture, try await store.recordCount() == 0 {
            try await fixture.load(into: store)
        }
        return store
    }

    /// - Parameter place: where the database is, for error messages (`at /path`, `in memory`).
    private init(queue: DatabaseQueue, place: String) throws {
        database = queue
        do {
            try RecordSchema.migrator.migrate(queue)
        } catch {
            throw Self.storageError("prepare the record database \(place)", error)
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "flowrun.records"
        return configuration
    }

    public func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try query.checkLogic()
        let compiled = QuerySQL(query)
        let rows = try await perform("query \(query.object) records") { db in
            try Row.fetchAll(db, sql: compiled.sql, arguments: StatementArguments(compiled.arguments)).map { row in
                (id: row["id"] as String, object: row["object"] as String, fields: row["fields"] as String)
            }
        }
        return try rows.map { row throws(RecordStoreError) in
            try StoredFields.decode(id: row.id, object: row.object, json: row.fields).projected(onto: query.fields)
        }
    }

    public func record(id: String) async throws -> FlowRecord? {
        let row = try await perform("read record \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT object, fields FROM records WHERE id = ?", arguments: [id]).map {
                (object: $0["object"] as String, fields: $0["fields"] as String)
            }
        }
        guard let row else { return nil }
        return try StoredFields.decode(id: id, object: row.object, json: row.fields)
    }

    public func create(_ record: FlowRecord) async throws -> String {
        guard let object = record.objectType, !object.isEmpty else {
            throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
        }
        for name in record.fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        let carried = try record.carriedID()
        let json = try StoredFields.encode(record.fieldsWithoutID)
        return try await perform("create a \(object) record") { db in
            let id: String
            if let carried {
                guard try !Self.exists(db, id: carried) else {
                    throw RecordStoreError.duplicateID(object: object, id: carried)
                }
                id = carried
            } else {
                // Numbered after the last row ever inserted, skipping Ids a fixture already took.
                let last = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'records'") ?? 0
                var sequence = last + 1
                while try Self.exists(db, id: RecordID.make(object: object, sequence: sequence)) { sequence += 1 }
                id = RecordID.make(object: object, sequence: sequence)
            }
            try db.execute(
                sql: "INSERT INTO records (id, object, fields) VALUES (?, ?, ?)", arguments: [id, object, json])
            return id
        }
    }

    public func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        try await perform("update \(object) record \(id)") { db in
            // Read, change and write back in this one write transaction, so no update is lost.
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT object, fields FROM records WHERE id = ? AND object = ?", arguments: [id, object])
            else { throw RecordStoreError.notFound(object: object, id: id) }
            var record = try StoredFields.decode(id: id, object: row["object"], json: row["fields"])
            for (name, value) in fields {
                if name.lowercased() == "id" {
                    guard value == .string(id) else {
                        throw RecordStoreError(.invalidField, "cannot change the Id of \(object) record \(id)")
                    }
                    continue
                }
                record[name] = value
            }
            try db.execute(
                sql: "UPDATE records SET fields = ? WHERE id = ?",
                arguments: [try StoredFields.encode(record.fieldsWithoutID), id])
        }
    }

    @discardableResult
    public func delete(object: String, ids: [String]) async throws -> Int {
        var unique: [String] = []
        var seen: Set<String> = []
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        let batches = stride(from: 0, to: unique.count, by: 500).map { Array(unique[$0..<min($0 + 500, unique.count)]) }
        return try await perform("delete \(object) records") { db in
            var deleted = 0
            // Batches keep each statement well under SQLite's limit on bound parameters.
            for batch in batches {
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                try db.execute(
                    sql: "DELETE FROM records WHERE object = ? AND id IN (\(marks))",
                    arguments: StatementArguments([object] + batch))
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// How many records of `object` the store holds, or of every object when nil.
    public func recordCount(object: String? = nil) async throws -> Int {
        try await perform("count records") { db in
            if let object {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE object = ?", arguments: [object])
                    ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
        }
    }

    private static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM records WHERE id = ?)", arguments: [id]) ?? false
    }

    /// Runs `body` in a write transaction; SQLite errors become `.storage` errors saying `action`.
    private func perform<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws
        -> T
    {
        do {
            return try await database.write(body)
        } catch let error as RecordStoreError {
            throw error
        } catch {
            throw Self.storageError(action, error)
        }
    }

    /// A `.storage` error that names the action and SQLite's message, never the SQL's arguments
    /// (they may hold personal data or secrets).
    private static func storageError(_ action: String, _ error: any Error) -> RecordStoreError {
        if let error = error as? DatabaseError {
            return RecordStoreError(
                .storage,
                "could not \(action): SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")")
        }
        return RecordStoreError(.storage, "could not \(action): \(error)")
    }
}
