/// What Get/Create/Update/Delete Records elements do to records, on a store or inside one of its
/// transactions.
public protocol RecordAccess: Sendable {
    /// The records of `query.object` that match, sorted and limited as asked. Inside a
    /// transaction, with `query.locking`, the rows found stay locked against other transactions
    /// until this one ends (see `RecordQuery.locking`).
    func query(_ query: RecordQuery) async throws -> [FlowRecord]

    /// The record with this Id, whichever object it is, or nil. Cross-object references
    /// (`$Record.Account.Name`) reach a parent through its Id alone, as a lookup field holds it.
    func record(id: String) async throws -> FlowRecord?

    /// Inserts a record and returns its new Id (or the Id it already carries).
    func create(_ record: FlowRecord) async throws -> String

    /// Inserts records in order and returns their Ids: a bulk load, as one step where the store
    /// can (one transaction, prepared statements), which `create` one by one would not be.
    func createAll(_ records: [FlowRecord]) async throws -> [String]

    /// How the store serves `query`, for `--trace`: the index it searches, or the table it scans
    /// (`index idx_user_username`, `scan of obj_user`); nil for a store that has no such plan.
    func servingPlan(for query: RecordQuery) async throws -> String?

    /// Sets `fields` on the record of `object` with `id`. Throws `RecordStoreError.notFound` if there is none.
    func update(object: String, id: String, fields: [String: FlowValue]) async throws

    /// Deletes the records of `object` with these ids; returns how many were deleted.
    @discardableResult
    func delete(object: String, ids: [String]) async throws -> Int
}

/// Where a flow's records live.
///
/// Every flow transaction (what an interview does from `start` or `resume` to its next screen,
/// wait or end) runs in one `transaction(_:)`, as Salesforce runs it in one database transaction:
/// its changes are seen by nobody else until it commits, and they all commit or none do.
/// Transactions that could lose each other's updates do not interleave: the SQLite and in-memory
/// stores run one writing transaction at a time, the PostgreSQL store locks the rows a
/// transaction reads with `RecordQuery.locking` (Salesforce's record locking). The operations of
/// `RecordAccess` called on the store itself each run in a transaction of their own.
///
/// Implementations must be safe to share between concurrently running interviews and, where
/// the database is shared, between processes. FlowrunCore ships `InMemoryRecordStore`;
/// `FlowrunSQLite` and `FlowrunPostgres` have the database ones.
public protocol RecordStore: RecordAccess {
    /// Runs `body` in a new transaction and commits it when `body` returns; when `body` throws,
    /// every change it made is undone and the error is rethrown.
    ///
    /// - Throws: what `body` throws; `RecordStoreError(.locked)` when the database stayed locked
    ///   by others longer than the store waits; `.storage` when the commit fails (nothing was kept).
    func transaction<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T

    /// Makes look-ups on these fields fast (database indexes), for the flows about to run: the
    /// validator knows every field their Get, Update and Delete Records filter or sort on
    /// (`ValidatedFlow.queriedFields`). Stores without indexes do nothing.
    func prepareIndexes(for fields: [ObjectField]) async throws
}

extension RecordStore {
    public func prepareIndexes(for fields: [ObjectField]) async throws {}
}

/// A store whose own operations each run in a transaction of their own, as `RecordStore` says
/// they do: conforming gives them all from `transaction(_:)` (a store may still answer reads
/// its own way, without taking a transaction).
public protocol TransactionPerOperation: RecordStore {}

extension TransactionPerOperation {
    public func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try await transaction { try await $0.query(query) }
    }

    public func record(id: String) async throws -> FlowRecord? {
        try await transaction { try await $0.record(id: id) }
    }

    public func create(_ record: FlowRecord) async throws -> String {
        try await transaction { try await $0.create(record) }
    }

    /// All of them in one transaction: a bulk load commits whole or not at all.
    public func createAll(_ records: [FlowRecord]) async throws -> [String] {
        try await transaction { try await $0.createAll(records) }
    }

    public func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        try await transaction { try await $0.update(object: object, id: id, fields: fields) }
    }

    @discardableResult
    public func delete(object: String, ids: [String]) async throws -> Int {
        try await transaction { try await $0.delete(object: object, ids: ids) }
    }
}

extension RecordAccess {
    public func servingPlan(for query: RecordQuery) async throws -> String? { nil }

    public func createAll(_ records: [FlowRecord]) async throws -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            do {
                ids.append(try await create(record))
            } catch {
                throw RecordBatchError(index: index, underlying: error)
            }
        }
        return ids
    }
}

/// `createAll` failed at the record at `index` (of the records given); nothing of the batch was
/// kept when the store did it in one transaction.
public struct RecordBatchError: Error, Sendable, CustomStringConvertible {
    public var index: Int
    public var underlying: any Error

    public init(index: Int, underlying: any Error) {
        self.index = index
        self.underlying = underlying
    }

    public var description: String { "\(underlying)" }
}

/// A field of an object, as a flow names them.
public struct ObjectField: Sendable, Hashable {
    public var object: String
    public var field: String

    public init(object: String, field: String) {
        self.object = object
        self.field = field
    }
}

/// One open transaction of a `RecordStore`: its reads see its own writes, nobody else sees them
/// before the commit.
public protocol RecordTransaction: RecordAccess {
    /// Undoes every change made since the transaction began (or since `outside` last committed),
    /// through the database; the transaction stays open. Roll Back Records, and an unhandled
    /// fault, come here.
    func rollBack() async throws

    /// Commits what was done so far, runs `work` with no transaction open and no lock held, then
    /// goes on in a new transaction. A plug-in that calls out to a vendor runs this way, so a slow
    /// network never holds the database's locks (Salesforce likewise refuses a callout while
    /// uncommitted work is pending).
    func outside<T>(_ work: () async throws -> T) async throws -> T

    /// Whether the transaction has changed anything since it began (or since `outside` committed).
    var hasChanges: Bool { get }
}

/// A record operation that could not be done, said so a flow's fault path can show it.
public struct RecordStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound, invalidField, invalidValue, invalidObject, storage
        /// Another transaction held the rows (or the database) longer than the store waits:
        /// Salesforce's `UNABLE_TO_LOCK_ROW`.
        case locked
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func notFound(object: String, id: String) -> RecordStoreError {
        RecordStoreError(.notFound, "no \(object) record with Id \(id)")
    }

    /// The records stayed locked by another transaction: try again.
    public static func locked(_ detail: String) -> RecordStoreError {
        RecordStoreError(.locked, "UNABLE_TO_LOCK_ROW: \(detail); another request held the records too long, try again")
    }
}
