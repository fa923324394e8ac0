import FlowrunCore
import Foundation
import GRDB
import GRDBSQLite

/// A record store in SQLite, through GRDB: a file that keeps records between runs, or a
/// database in memory for tests.
///
/// Any object and any field work without a declared schema: records live in a table per object,
/// widened as fields appear (`ObjectTables`, `StoredValue`). Queries compile to parameterised SQL
/// (`QuerySQL`) that gives the same answers as `InMemoryRecordStore`. Errors are
/// `RecordStoreError`s; SQLite failures become `.storage` errors that never show bound values.
///
/// **Transactions.** A flow transaction is one SQLite transaction begun with `BEGIN IMMEDIATE`,
/// which takes the database's write lock at once: transactions that write run one at a time, in
/// this process (`TransactionGate`, in arrival order) and across processes sharing the file
/// (SQLite's lock, waited for up to `lockWait`). So a flow that reads a counter and writes it
/// back cannot lose another's update, the isolation Salesforce gets from record locks. A file
/// database is in WAL mode, so reads outside a transaction (a page showing the signed-in user)
/// read the last commit without waiting for the writer.
public final class SQLiteRecordStore: TransactionPerOperation {
    /// The connection transactions run on; GRDB lends it only inside its closures.
    let writer: any DatabaseWriter
    /// Set for a file: readers that see the last commit while a transaction is open.
    private let pool: DatabasePool?
    let gate = TransactionGate()
    /// The layout of each object's table, per schema version.
    let schema = SchemaCache()
    /// The SQL text of each query shape compiled so far.
    let queryTexts = QueryTextCache()

    /// How long a transaction waits for another process's write lock before it fails as
    /// `UNABLE_TO_LOCK_ROW`: Salesforce's own wait for a locked record is 10 seconds.
    public static let lockWait: TimeInterval = 10

    /// Opens (or creates) the database file at `path` and brings its schema up to date.
    /// - Throws: `RecordStoreError(.storage)` when the file cannot be opened or is not a record store.
    public convenience init(path: String) throws {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration(busyWait: Self.lockWait))
        } catch {
            throw Self.storageError("open the record database at \(path)", error)
        }
        try self.init(writer: pool, pool: pool, place: "at \(path)")
    }

    /// A new, empty store in memory, gone when the store is.
    /// - Throws: `RecordStoreError(.storage)` if SQLite cannot set it up.
    public static func inMemory() throws -> SQLiteRecordStore {
        do {
            return try SQLiteRecordStore(
                writer: DatabaseQueue(configuration: configuration(busyWait: nil)), pool: nil, place: "in memory")
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
    private init(writer: any DatabaseWriter, pool: DatabasePool?, place: String) throws {
        self.writer = writer
        self.pool = pool
        do {
            try RecordSchema.migrator(schema: schema).migrate(writer)
        } catch {
            throw Self.storageError("prepare the record database \(place)", error)
        }
    }

    private static func configuration(busyWait: TimeInterval?) -> Configuration {
        var configuration = Configuration()
        configuration.label = "flowrun.records"
        // A flow transaction spans several accesses (and awaits between them), so it is begun and
        // ended by hand; the gate makes sure nothing else uses the connection meanwhile.
        configuration.allowsUnsafeTransactions = true
        if let busyWait { configuration.busyMode = .timeout(busyWait) }
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a commit survives a crash of the process (kill -9), and only a
            // power cut can lose the last ones; every commit would otherwise wait for an fsync.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        return configuration
    }

    public func transaction<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T {
        try await gate.through {
            try await begin()
            return try await committing(body)
        }
    }

    /// A flow transaction that writes to the tables sharing this connection join (an interview's
    /// claim and its stored state, `SQLiteInterviewStore`), so all of it is one commit: `first`
    /// runs right after `BEGIN IMMEDIATE`, before the savepoint a roll back returns to, so Roll
    /// Back Records and a fault keep what it did; when it returns false, the transaction is
    /// rolled back and `body` never runs.
    /// - Returns: nil when `first` returned false.
    func transaction<T>(
        first: @escaping @Sendable (Database) throws -> Bool, _ body: (any RecordTransaction) async throws -> T
    ) async throws -> T? {
        try await gate.through {
            guard try await begin(first: first) else { return nil }
            return try await committing(body)
        }
    }

    /// Runs `body` in the transaction just begun and commits it; rolls it back when `body` throws.
    private func committing<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T {
        let transaction = SQLiteTransaction(store: self)
        let result: T
        do {
            result = try await body(transaction)
        } catch {
            await abandon()
            throw error
        }
        try await commit()
        return result
    }

    // MARK: - Reads of the last commit, without a transaction (writes: `TransactionPerOperation`)

    public func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try await read("query \(query.object) records") { [schema, queryTexts] db in
            try RecordRows.query(db, schema: schema, texts: queryTexts, query)
        }
    }

    public func record(id: String) async throws -> FlowRecord? {
        try await read("read record \(id)") { [schema] db in try RecordRows.record(db, schema: schema, id: id) }
    }

    /// An index on each field (its column made first when no record has it yet), in one
    /// transaction; fields already indexed cost nothing.
    public func prepareIndexes(for fields: [ObjectField]) async throws {
        let wanted = fields.filter { ObjectTables.storageKey($0.field) != "id" }
        guard !wanted.isEmpty else { return }
        try await transaction { _ in
            try await self.run("index fields") { [schema] db in
                for entry in wanted {
                    _ = try schema.ensure(db, object: entry.object, fields: [entry.field])
                    try schema.index(db, object: entry.object, fieldKey: ObjectTables.storageKey(entry.field))
                }
            }
        }
    }

    /// SQLite's plan for `query` (`EXPLAIN QUERY PLAN`, the detail of each step): which index, or
    /// which scan, serves it. For tests and `--trace`.
    public func queryPlan(_ query: RecordQuery) async throws -> [String] {
        try await read("explain a query") { [schema] db in try QueryPlan.lines(db, schema: schema, query) }
    }

    public func servingPlan(for query: RecordQuery) async throws -> String? {
        QueryPlan.summary(try await queryPlan(query), object: query.object)
    }

    /// How many records of `object` the store holds, or of every object when nil.
    public func recordCount(object: String? = nil) async throws -> Int {
        try await read("count records") { db in try RecordRows.count(db, object: object) }
    }

    // MARK: - The connection

    /// Reads the last commit: from a reader of the pool without waiting, or (in memory, one
    /// connection) between transactions.
    private func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await readCommitted(body)
        } catch {
            throw Self.mapped(action, error)
        }
    }

    /// Runs `body` in a short write transaction of its own on the writer connection, in its turn
    /// at the gate: the interview and access stores sharing this store's connection write so.
    func exclusiveWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await gate.through {
            try await mayWaitForTheLock { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    let result = try body(db)
                    try db.cachedStatement(sql: "COMMIT").execute()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// Runs `body` on the last commit (a reader of the pool, or the one connection between transactions).
    func readCommitted<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let pool { return try await pool.read(body) }
        return try await gate.through { try self.onThisThread(body) }
    }

    /// Runs `body` on the writer connection, inside whatever transaction is open there. Only
    /// code holding the gate calls this (a transaction's statements, its commit and roll back).
    func run<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try onThisThread(body)
        } catch {
            throw Self.mapped(action, error)
        }
    }

    /// Runs `body` on the writer connection, on the calling thread, for code that holds the gate.
    ///
    /// Holding the gate, nobody else is on the connection, so this never waits for it; and
    /// inside a transaction SQLite holds the write lock already, so no statement waits for
    /// another process either. GRDB's asynchronous access would hop to the connection's queue and
    /// back for every statement, which cost more than the statements themselves: most of an
    /// in-memory SMS interview's time went in the hops (BENCHMARKS.md, sms2fa interviews).
    private func onThisThread<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction(body)
    }

    /// Runs `body`, which takes the write lock, on the writer connection: on this thread when the
    /// lock is free (always, in memory, where no other process can hold it); when another process
    /// holds the file's lock, asynchronously, where SQLite waits for it (up to `lockWait`) without
    /// blocking one of the few threads tasks run on. The hop to GRDB's queue and back, with its
    /// two wake-ups, was paid by every transaction though the lock is nearly always free.
    private func mayWaitForTheLock<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if pool == nil { return try onThisThread(body) }
        if let result = try onThisThread({ db in try Self.unlessLockedElsewhere(db, body) }) { return result }
        return try await writer.writeWithoutTransaction(body)
    }

    /// `body` with SQLite's busy wait off; nil when it met the write lock held by another
    /// connection (and, as `body` does on an error, left no transaction open).
    private static func unlessLockedElsewhere<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T? {
        guard let connection = db.sqliteConnection else { return try body(db) }
        sqlite3_busy_timeout(connection, 0)
        // Back to the wait the connection was opened with (`configuration(busyWait: lockWait)`).
        defer { sqlite3_busy_timeout(connection, CInt(lockWait * 1000)) }
        do {
            return try body(db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
    }

    // The statements that open, mark and close transactions run several times per interview;
    // they are prepared once per connection (`cachedStatement`) instead of parsed by SQLite each
    // time, which `execute(sql:)` does (about a tenth of an in-memory SMS interview).

    /// Takes the write lock and marks the start a roll back returns to.
    func begin() async throws {
        _ = try await begin(first: nil)
    }

    /// Takes the write lock, runs `first` (when given) and marks the start a roll back returns
    /// to; false, with the transaction rolled back, when `first` returned false.
    private func begin(first: (@Sendable (Database) throws -> Bool)?) async throws -> Bool {
        do {
            return try await mayWaitForTheLock { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    if let first, try !first(db) {
                        try db.cachedStatement(sql: "ROLLBACK").execute()
                        return false
                    }
                    try db.cachedStatement(sql: "SAVEPOINT flow_transaction").execute()
                    return true
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        } catch {
            throw Self.mapped("begin a transaction", error)
        }
    }

    func commit() async throws {
        do {
            try await run("commit the transaction") { db in try db.cachedStatement(sql: "COMMIT").execute() }
        } catch {
            await abandon()
            throw error
        }
    }

    /// Back to the start of the open transaction, which stays open.
    func rollBackToStart() async throws {
        schema.reset()
        try await run("roll back the transaction") { db in try db.cachedStatement(sql: "ROLLBACK TO flow_transaction").execute() }
    }

    /// Rolls the open transaction back, if one is open; used on the way out of a failure, so its
    /// own errors would only hide the first one.
    func abandon() async {
        schema.reset()
        _ = try? onThisThread { db in
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
        }
    }

    /// SQLite's busy error after the wait is the lock another process kept; the rest are `.storage`.
    static func mapped(_ action: String, _ error: any Error) -> any Error {
        if error is RecordStoreError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return RecordStoreError.locked("could not \(action): the database was locked by another process")
        }
        return storageError(action, error)
    }

    /// A `.storage` error that names the action and SQLite's message, never the SQL's arguments
    /// (they may hold personal data or secrets).
    static func storageError(_ action: String, _ error: any Error) -> RecordStoreError {
        if let error = error as? DatabaseError {
            return RecordStoreError(
                .storage,
                "could not \(action): SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")")
        }
        return RecordStoreError(.storage, "could not \(action): \(error)")
    }
}
