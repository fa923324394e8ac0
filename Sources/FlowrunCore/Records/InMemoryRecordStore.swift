import Synchronization

/// A record store held in memory: for tests, and for runs that need no database.
///
/// Object names match without regard to case (`user` finds `User` records). Ids are unique across
/// all objects, as in Salesforce. Queries follow `RecordFilter.matches(_:)` and `RecordSort.order`;
/// records that sort equal, and unsorted results, come in the order they were created.
public final class InMemoryRecordStore: RecordStore {
    private struct Table {
        /// Ids in creation order.
        var ids: [String] = []
        var records: [String: FlowRecord] = [:]
    }

    private struct State {
        /// Tables by lowercased object name.
        var tables: [String: Table] = [:]
        /// The lowercased object name of every Id, so Ids stay unique across objects.
        var owners: [String: String] = [:]
        /// How many records were ever created: new Ids are numbered from it (as SQLite's AUTOINCREMENT).
        var lastSequence = 0
    }

    private let state = Mutex(State())

    /// An empty store.
    public init() {}

    /// A store holding `records`, created in order (each needs its `objectType`).
    /// - Throws: `RecordStoreError` as `create(_:)` does.
    public convenience init(records: [FlowRecord]) throws(RecordStoreError) {
        self.init()
        for record in records { _ = try insert(record) }
    }

    public func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try query.checkLogic()
        let rows: [FlowRecord] = state.withLock { state in
            guard let table = state.tables[query.object.lowercased()] else { return [] }
            return table.ids.compactMap { table.records[$0] }.filter(query.matchesFilters)
        }
        var results = rows
        if let sort = query.sort {
            // Ties keep creation order, as the SQLite store's ORDER BY … seq does.
            results = rows.enumerated().sorted { lhs, rhs in
                switch sort.order(lhs.element, rhs.element) {
                case .orderedAscending: true
                case .orderedDescending: false
                case .orderedSame: lhs.offset < rhs.offset
                }
            }.map(\.element)
        }
        if let limit = query.limit { results = Array(results.prefix(max(limit, 0))) }
        return results.map { $0.projected(onto: query.fields) }
    }

    public func record(id: String) async throws -> FlowRecord? {
        state.withLock { state in
            state.owners[id].flatMap { state.tables[$0]?.records[id] }
        }
    }

    public func create(_ record: FlowRecord) async throws -> String {
        try insert(record)
    }

    public func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        try state.withLock { (state) throws(RecordStoreError) in
            let key = object.lowercased()
            guard state.owners[id] == key, var record = state.tables[key]?.records[id] else {
                throw RecordStoreError.notFound(object: object, id: id)
            }
            for (name, value) in fields {
                if name.lowercased() == "id" {
                    guard value == .string(id) else {
                        throw RecordStoreError(.invalidField, "cannot change the Id of \(object) record \(id)")
                    }
                    continue
                }
                record[name] = value
            }
            state.tables[key]?.records[id] = record
        }
    }

    @discardableResult
    public func delete(object: String, ids: [String]) async throws -> Int {
        state.withLock { state in
            let key = object.lowercased()
            var deleted: Set<String> = []
            for id in ids where state.owners[id] == key && !deleted.contains(id) {
                deleted.insert(id)
                state.owners[id] = nil
                state.tables[key]?.records[id] = nil
            }
            state.tables[key]?.ids.removeAll { deleted.contains($0) }
            return deleted.count
        }
    }

    /// How many records of `object` the store holds.
    public func recordCount(object: String) -> Int {
        state.withLock { $0.tables[object.lowercased()]?.ids.count ?? 0 }
    }

    /// Inserts `record` under the lock and returns its Id.
    private func insert(_ record: FlowRecord) throws(RecordStoreError) -> String {
        guard let object = record.objectType, !object.isEmpty else {
            throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
        }
        for name in record.fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        let carried = try record.carriedID()
        return try state.withLock { (state) throws(RecordStoreError) -> String in
            let id: String
            if let carried {
                guard state.owners[carried] == nil else {
                    throw RecordStoreError.duplicateID(object: object, id: carried)
                }
                id = carried
            } else {
                var sequence = state.lastSequence + 1
                while state.owners[RecordID.make(object: object, sequence: sequence)] != nil { sequence += 1 }
                id = RecordID.make(object: object, sequence: sequence)
            }
            state.lastSequence += 1
            var stored = FlowRecord(objectType: object, fields: record.fieldsWithoutID)
            stored["Id"] = .string(id)
            let key = object.lowercased()
            state.owners[id] = key
            state.tables[key, default: Table()].ids.append(id)
            state.tables[key, default: Table()].records[id] = stored
            return id
        }
    }
}
