import Synchronization

/// A record store held in memory: for tests, and for runs that need no database.
///
/// Object names match without regard to case (`user` finds `User` records). Ids are unique across
/// all objects, as in Salesforce. Queries follow `RecordFilter.matches(_:)` and `RecordSort.order`;
/// records that sort equal, and unsorted results, come in the order they were created.
///
/// Transactions run one at a time (`TransactionGate`), as SQLite's do; a transaction keeps the
/// state it began with, and rolling back puts it back.
public final class InMemoryRecordStore: TransactionPerOperation {
    struct Table {
        /// Ids in creation order.
        var ids: [String] = []
        var records: [String: FlowRecord] = [:]
    }

    struct State {
        /// Tables by lowercased object name.
        var tables: [String: Table] = [:]
        /// The lowercased object name of every Id, so Ids stay unique across objects.
        var owners: [String: String] = [:]
        /// How many records were ever created: new Ids are numbered from it (as SQLite's AUTOINCREMENT).
        var lastSequence = 0
    }

    let state = Mutex(State())
    let gate = TransactionGate()

    /// An empty store.
    public init() {}

    /// A store holding `records`, created in order (each needs its `objectType`).
    /// - Throws: `RecordStoreError` as `create(_:)` does.
    public convenience init(records: [FlowRecord]) throws(RecordStoreError) {
        self.init()
        for record in records { _ = try state.withLock { (state) throws(RecordStoreError) in try state.insert(record) } }
    }

    public func transaction<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T {
        try await gate.through {
            let transaction = InMemoryTransaction(store: self)
            do {
                return try await body(transaction)
            } catch {
                transaction.restore()
                throw error
            }
        }
    }

    /// How many records of `object` the store holds.
    public func recordCount(object: String) -> Int {
        state.withLock { $0.tables[object.lowercased()]?.ids.count ?? 0 }
    }
}

/// A transaction of an `InMemoryRecordStore`: it changes the store's state directly (nobody else
/// runs meanwhile) and keeps the state it began with, to put back on a roll back.
final class InMemoryTransaction: RecordTransaction {
    private let store: InMemoryRecordStore
    private let start: Mutex<InMemoryRecordStore.State>
    private let changed = Atomic<Bool>(false)

    init(store: InMemoryRecordStore) {
        self.store = store
        start = Mutex(store.state.withLock { $0 })
    }

    var hasChanges: Bool { changed.load(ordering: .relaxed) }

    func rollBack() async throws {
        restore()
    }

    /// Puts back the state the transaction began with.
    func restore() {
        let state = start.withLock { $0 }
        store.state.withLock { $0 = state }
        changed.store(false, ordering: .relaxed)
    }

    func outside<T>(_ work: () async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(try await store.gate.released(work))
        } catch {
            result = .failure(error)
        }
        // What others committed meanwhile is the new starting point, whether or not the work succeeded.
        let now = store.state.withLock { $0 }
        start.withLock { $0 = now }
        changed.store(false, ordering: .relaxed)
        return try result.get()
    }

    func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try query.checkLogic()
        let rows: [FlowRecord] = store.state.withLock { state in
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

    func record(id: String) async throws -> FlowRecord? {
        store.state.withLock { state in
            state.owners[id].flatMap { state.tables[$0]?.records[id] }
        }
    }

    func create(_ record: FlowRecord) async throws -> String {
        let id = try store.state.withLock { (state) throws(RecordStoreError) in try state.insert(record) }
        changed.store(true, ordering: .relaxed)
        return id
    }

    func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        try store.state.withLock { (state) throws(RecordStoreError) in
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
        changed.store(true, ordering: .relaxed)
    }

    @discardableResult
    func delete(object: String, ids: [String]) async throws -> Int {
        let count = store.state.withLock { state in
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
        if count > 0 { changed.store(true, ordering: .relaxed) }
        return count
    }
}

extension InMemoryRecordStore.State {
    /// Inserts `record` and returns its Id.
    mutating func insert(_ record: FlowRecord) throws(RecordStoreError) -> String {
        guard let object = record.objectType, !object.isEmpty else {
            throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
        }
        for name in record.fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        let id: String
        if let carried = try record.carriedID() {
            guard owners[carried] == nil else { throw RecordStoreError.duplicateID(object: object, id: carried) }
            id = carried
        } else {
            var sequence = lastSequence + 1
            while owners[RecordID.make(object: object, sequence: sequence)] != nil { sequence += 1 }
            id = RecordID.make(object: object, sequence: sequence)
        }
        lastSequence += 1
        var stored = FlowRecord(objectType: object, fields: record.fieldsWithoutID)
        stored["Id"] = .string(id)
        let key = object.lowercased()
        owners[id] = key
        tables[key, default: InMemoryRecordStore.Table()].ids.append(id)
        tables[key, default: InMemoryRecordStore.Table()].records[id] = stored
        return id
    }
}
