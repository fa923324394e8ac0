import FlowrunCore
import Synchronization

/// An open transaction of a `SQLiteRecordStore`: its operations run on the store's writer
/// connection, inside the `BEGIN IMMEDIATE` the store began.
final class SQLiteTransaction: RecordTransaction {
    private let store: SQLiteRecordStore
    private let changed = Atomic<Bool>(false)

    private var schema: SchemaCache { store.schema }

    init(store: SQLiteRecordStore) { self.store = store }

    var hasChanges: Bool { changed.load(ordering: .relaxed) }

    func rollBack() async throws {
        try await store.rollBackToStart()
        changed.store(false, ordering: .relaxed)
    }

    func outside<T>(_ work: () async throws -> T) async throws -> T {
        try await store.commit()
        changed.store(false, ordering: .relaxed)
        let result: Result<T, any Error>
        do {
            result = .success(try await store.gate.released(work))
        } catch {
            result = .failure(error)
        }
        // Whether or not the work succeeded, the flow goes on (perhaps on a fault path) in a new transaction.
        try await store.begin()
        return try result.get()
    }

    func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try await store.run("query \(query.object) records") { [schema, queryTexts = store.queryTexts] db in
            try RecordRows.query(db, schema: schema, texts: queryTexts, query)
        }
    }

    func servingPlan(for query: RecordQuery) async throws -> String? {
        let lines = try await store.run("explain a query") { [schema] db in try QueryPlan.lines(db, schema: schema, query) }
        return QueryPlan.summary(lines, object: query.object)
    }

    func record(id: String) async throws -> FlowRecord? {
        try await store.run("read record \(id)") { [schema] db in try RecordRows.record(db, schema: schema, id: id) }
    }

    func create(_ record: FlowRecord) async throws -> String {
        let object = record.objectType ?? "record"
        let id = try await store.run("create a \(object) record") { [schema] db in try RecordRows.create(db, schema: schema, record) }
        changed.store(true, ordering: .relaxed)
        return id
    }

    func createAll(_ records: [FlowRecord]) async throws -> [String] {
        guard !records.isEmpty else { return [] }
        // One access to the connection for the whole batch: no hop per record.
        let ids = try await store.run("create \(records.count) records") { [schema] db in
            try RecordRows.createAll(db, schema: schema, records)
        }
        changed.store(true, ordering: .relaxed)
        return ids
    }

    func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        try await store.run("update \(object) record \(id)") { [schema] db in
            try RecordRows.update(db, schema: schema, object: object, id: id, fields: fields)
        }
        changed.store(true, ordering: .relaxed)
    }

    @discardableResult
    func delete(object: String, ids: [String]) async throws -> Int {
        let count = try await store.run("delete \(object) records") { [schema] db in
            try RecordRows.delete(db, schema: schema, object: object, ids: ids)
        }
        if count > 0 { changed.store(true, ordering: .relaxed) }
        return count
    }
}
