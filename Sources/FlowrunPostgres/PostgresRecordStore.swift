import FlowrunCore
import Logging
import PostgresNIO

/// A record store in PostgreSQL, shared by every process (every `flowrun serve` behind a load
/// balancer) that uses the same database and schema.
///
/// Records live in one table, `records(seq, id, object, fields)`, in the schema given (so tests
/// can each use a fresh one): `seq` orders creation and numbers new Ids, `object` is compared
/// ignoring case, `fields` is jsonb in the form `PostgresStoredFields` describes. Queries compile
/// to parameterised SQL (`PostgresQuerySQL`) that gives the same answers as `InMemoryRecordStore`
/// and `SQLiteRecordStore`. The caller owns the `PostgresClient` and keeps its `run()` going
/// while the store is used.
///
/// **Transactions.** A flow transaction is one PostgreSQL transaction on one pooled connection
/// (`PostgresRecordTransaction`). Unlike SQLite, transactions run side by side; what keeps a
/// read-modify-write from losing another's update is Salesforce's own rule, row locks: a Get
/// Records the flow may write back (`RecordQuery.locking`) is `SELECT … FOR UPDATE`, and a second
/// transaction reading the same rows that way waits until the first commits, then reads its
/// commit. A wait longer than `lockWait` (Salesforce's is 10 seconds), a deadlock or a
/// serialization failure is `RecordStoreError.locked`, Salesforce's `UNABLE_TO_LOCK_ROW`.
public final class PostgresRecordStore: TransactionPerOperation {
    public let schema: PostgresSchemaName
    /// How long a transaction waits for a row another one locked before it fails as `.locked`.
    public let lockWait: Duration
    private let client: PostgresClient
    private let rows: PostgresRecordRows
    private let logger: Logger

    /// Salesforce's wait for a locked record.
    public static let standardLockWait: Duration = .seconds(10)

    /// The stores whose transaction the current task is inside: using such a store directly,
    /// rather than through the transaction, is an error rather than a wait for its own locks.
    @TaskLocal static var transactionsHeld: Set<ObjectIdentifier> = []

    /// A store on `client` in `schema`. Call `prepare()` (or use `open`) before anything else.
    public init(
        client: PostgresClient, schema: PostgresSchemaName = .standard, lockWait: Duration = standardLockWait,
        logger: Logger = Logger(label: "flowrun.postgres.records")
    ) {
        self.client = client
        self.schema = schema
        self.lockWait = lockWait
        self.logger = logger
        rows = PostgresRecordRows(schema: schema, logger: logger)
    }

    /// A prepared store and, if it holds no records yet, `fixture` loaded into it. A database
    /// with records is used as it is, so a fixture is not loaded twice, even by two servers
    /// starting at once (they take turns through an advisory lock).
    /// - Throws: `RecordStoreError` or `RecordFixtureError`.
    public static func open(
        client: PostgresClient, schema: PostgresSchemaName = .standard, fixture: RecordFixture? = nil,
        logger: Logger = Logger(label: "flowrun.postgres.records")
    ) async throws -> PostgresRecordStore {
        let store = PostgresRecordStore(client: client, schema: schema, logger: logger)
        try await store.prepare()
        if let fixture {
            try await store.withTransaction { transaction in
                try await transaction.waitForTurn(store.lockName, action: "load the records fixture")
                if try await transaction.recordCount() == 0 {
                    try await fixture.load(into: TransactionAsStore(transaction: transaction))
                }
            }
        }
        return store
    }

    /// Creates the schema, the table and its indexes when they are not there yet.
    public func prepare() async throws {
        let table = rows.table
        let action = "prepare the record table in schema \(schema)"
        try await withTransaction { transaction in
            // Concurrent CREATE … IF NOT EXISTS can still collide in the catalog: one at a time.
            try await transaction.waitForTurn(lockName, action: action)
            try await transaction.execute("CREATE SCHEMA IF NOT EXISTS \(schema.quoted)", action: action)
            try await transaction.execute(
                """
                CREATE TABLE IF NOT EXISTS \(table) (
                    seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, object text NOT NULL, fields jsonb NOT NULL)
                """, action: action)
            // Every query names its object and, unsorted, reads in creation order.
            try await transaction.execute(
                "CREATE INDEX IF NOT EXISTS records_by_object ON \(table) (lower(object), seq)", action: action)
            // Get Records by Id compares the Id lowercased, byte by byte.
            try await transaction.execute(
                "CREATE INDEX IF NOT EXISTS records_by_lower_id ON \(table) ((lower(id) COLLATE \"C\"))", action: action)
            // The usual ways to find a record or a person, whatever flow is loaded.
            try await self.createIndexes(
                Self.indexedByDefault.compactMap { PostgresStoredFields.fieldIndex($0, json: false) }, in: transaction)
        }
    }

    /// Fields whose text key is indexed as soon as the store is prepared.
    static let indexedByDefault = ["name", "username", "email"]

    /// Indexes each field's text key and its jsonb key (numbers, Booleans, dates and times), for
    /// every object at once (each index leads with `lower(object)`), so a Get Records that compares
    /// a field for equality (or as a range on one class) reads the index rather than the table.
    /// Indexes already there are left as they are; `Id` has its own. Building an index on a large
    /// table blocks writes to it meanwhile (`CREATE INDEX` in a transaction, not `CONCURRENTLY`):
    /// the CLI and the server call this once, before any flow runs.
    public func prepareIndexes(for fields: [ObjectField]) async throws {
        var keys: [String] = []
        for entry in fields {
            let key = PostgresStoredFields.storageKey(entry.field)
            if key != "id", !keys.contains(key) { keys.append(key) }
        }
        let indexes = keys.flatMap { key in
            [false, true].compactMap { PostgresStoredFields.fieldIndex(key, json: $0) }
        }
        guard !indexes.isEmpty else { return }
        try await withTransaction { transaction in try await self.createIndexes(indexes, in: transaction) }
    }

    /// Creates those of `indexes` the table does not have yet, one process at a time.
    private func createIndexes(_ indexes: [PostgresStoredFields.FieldIndex], in transaction: PostgresRecordTransaction) async throws {
        let action = "index fields in schema \(schema)"
        let existing = try await transaction.indexNames(schema: schema.name, action: action)
        let missing = indexes.filter { !existing.contains($0.name) }
        guard !missing.isEmpty else { return }
        try await transaction.waitForTurn(lockName, action: action)
        for index in missing {
            // The name and columns are made of a key `PostgresStoredFields.literalKey` checked.
            var sql = "CREATE INDEX IF NOT EXISTS \"\(index.name)\" ON \(rows.table) (\(index.columns))"
            if let predicate = index.predicate { sql += " WHERE \(predicate)" }
            try await transaction.execute(sql, action: action)
        }
    }

    /// PostgreSQL's plan for `query` (`EXPLAIN`, one line of text per row): which index, or
    /// which scan, serves it. For tests and `--trace`.
    public func queryPlan(_ query: RecordQuery) async throws -> [String] {
        try await withConnection("explain a query") { connection in try await self.rows.explain(connection, query) }
    }

    public func servingPlan(for query: RecordQuery) async throws -> String? {
        PostgresRecordRows.summary(try await queryPlan(query))
    }

    /// Drops the schema with everything in it: for tests and `flowrun test`, which each use a
    /// schema of their own.
    public func dropSchema() async throws {
        try await withTransaction { transaction in
            try await transaction.execute("DROP SCHEMA IF EXISTS \(schema.quoted) CASCADE", action: "drop schema \(schema)")
        }
    }

    public func transaction<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T {
        try await withTransaction { transaction in
            try await Self.$transactionsHeld.withValue(Self.transactionsHeld.union([ObjectIdentifier(self)])) {
                try await body(transaction)
            }
        }
    }

    // MARK: - Operations in a transaction of their own

    /// One SELECT is a transaction of its own: it reads the last commit and waits for nobody.
    public func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        try await withConnection("query \(query.object) records") { connection in
            try await self.rows.query(connection, query, locking: false)
        }
    }

    public func record(id: String) async throws -> FlowRecord? {
        try await withConnection("read record \(id)") { connection in try await self.rows.record(connection, id: id) }
    }

    /// How many records of `object` the store holds, or of every object when nil.
    public func recordCount(object: String? = nil) async throws -> Int {
        try await withConnection("count records") { connection in try await self.rows.count(connection, object: object) }
    }

    // MARK: - Connections

    /// The advisory lock `prepare` and `open` take turns through, one per schema.
    var lockName: String { "flowrun.records:\(schema.name)" }

    /// Runs `body` in a transaction on a connection of its own: committed when `body` returns,
    /// rolled back when it throws. What `body` throws is passed on as it is (the transaction's
    /// operations already say what failed).
    private func withTransaction<T>(_ body: (PostgresRecordTransaction) async throws -> T) async throws -> T {
        guard !Self.transactionsHeld.contains(ObjectIdentifier(self)) else {
            throw RecordStoreError(
                .storage, "a record store was used directly inside one of its own transactions; use the transaction")
        }
        var outcome: Result<T, any Error>?
        do {
            try await client.withConnection { connection in
                let transaction = PostgresRecordTransaction(
                    connection: connection, rows: rows, lockWait: lockWait, logger: logger, store: ObjectIdentifier(self))
                do {
                    try await transaction.begin()
                    let result = try await body(transaction)
                    try await transaction.commit()
                    transaction.end()
                    outcome = .success(result)
                } catch {
                    await transaction.abandon()
                    outcome = .failure(error)
                }
            }
        } catch {
            // The pool could not lend a connection (the server is down, the login was refused).
            throw PostgresRecordErrors.mapped("begin a transaction", error)
        }
        guard let outcome else { throw RecordStoreError(.storage, "could not begin a transaction: no connection was lent") }
        return try outcome.get()
    }

    private func withConnection<T: Sendable>(
        _ action: String, _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw PostgresRecordErrors.mapped(action, error)
        }
    }
}

/// A transaction seen as a store whose every operation runs in that transaction, for
/// `RecordFixture.load(into:)` inside `open`'s transaction (so its error messages stay the same).
private struct TransactionAsStore: RecordStore {
    let transaction: PostgresRecordTransaction

    func transaction<T>(_ body: (any RecordTransaction) async throws -> T) async throws -> T { try await body(transaction) }
    func query(_ query: RecordQuery) async throws -> [FlowRecord] { try await transaction.query(query) }
    func record(id: String) async throws -> FlowRecord? { try await transaction.record(id: id) }
    func create(_ record: FlowRecord) async throws -> String { try await transaction.create(record) }
    func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        try await transaction.update(object: object, id: id, fields: fields)
    }
    func delete(object: String, ids: [String]) async throws -> Int { try await transaction.delete(object: object, ids: ids) }
}
