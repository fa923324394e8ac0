import FlowrunCore
import Logging
import PostgresNIO
import Synchronization

/// An open transaction of a `PostgresRecordStore`, on one connection leased from the pool for
/// its whole life.
///
/// It begins with `BEGIN` and `SAVEPOINT flow_transaction`, the point `rollBack()` returns to.
/// Each write (and each locking read) runs inside a savepoint of its own, so one that fails — a
/// lock that stayed taken, a duplicate Id — leaves the transaction usable, as a failed DML
/// statement in Salesforce leaves the rest of the transaction (a fault path can go on); without
/// it PostgreSQL would refuse every later statement until the roll back.
final class PostgresRecordTransaction: RecordTransaction {
    private let connection: PostgresConnection
    private let rows: PostgresRecordRows
    private let lockWait: Duration
    private let logger: Logger
    private let changed = Atomic<Bool>(false)
    /// Set when the transaction has ended: the connection is back in the pool, so using this
    /// value afterwards must fail rather than run on someone else's connection.
    private let ended = Atomic<Bool>(false)
    /// The store's identity, taken out of `PostgresRecordStore.transactionsHeld` while `outside`
    /// runs its work, which may use the store again.
    private let store: ObjectIdentifier

    init(connection: PostgresConnection, rows: PostgresRecordRows, lockWait: Duration, logger: Logger, store: ObjectIdentifier) {
        self.connection = connection
        self.rows = rows
        self.lockWait = lockWait
        self.logger = logger
        self.store = store
    }

    var hasChanges: Bool { changed.load(ordering: .relaxed) }

    // MARK: - Beginning and ending

    /// Begins the transaction: READ COMMITTED (what Salesforce's row locks assume: a locking read
    /// waits for the holder, then reads its commit), the lock wait, and the savepoint.
    func begin() async throws {
        try await run("begin a transaction") {
            try await execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            var bindings = PostgresBindings()
            bindings.append("\(Self.milliseconds(lockWait))ms")
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT set_config('lock_timeout', $1, true)", binds: bindings), logger: logger)
            try await execute("SAVEPOINT flow_transaction")
        }
    }

    func commit() async throws {
        try await run("commit the transaction") { try await execute("COMMIT") }
    }

    /// Rolls back whatever is open, on the way out of a failure (its own errors would only hide
    /// the first one). If even that fails, the connection is closed, so the pool never lends out
    /// a connection with a transaction still open on it.
    func abandon() async {
        ended.store(true, ordering: .relaxed)
        do {
            try await execute("ROLLBACK")
        } catch {
            try? await connection.close()
        }
    }

    func end() { ended.store(true, ordering: .relaxed) }

    // MARK: - RecordTransaction

    /// PostgreSQL also lets go of the row locks taken since the savepoint: after a roll back, a
    /// record read with a lock before it is no longer held until a locking read takes it again.
    func rollBack() async throws {
        try await run("roll back the transaction") { try await execute("ROLLBACK TO SAVEPOINT flow_transaction") }
        changed.store(false, ordering: .relaxed)
    }

    func outside<T>(_ work: () async throws -> T) async throws -> T {
        try await commit()
        changed.store(false, ordering: .relaxed)
        let result: Result<T, any Error>
        do {
            let held = PostgresRecordStore.transactionsHeld.subtracting([store])
            result = .success(try await PostgresRecordStore.$transactionsHeld.withValue(held) { try await work() })
        } catch {
            result = .failure(error)
        }
        // Whether or not the work succeeded, the flow goes on (perhaps on a fault path) in a new transaction.
        try await begin()
        return try result.get()
    }

    func query(_ query: RecordQuery) async throws -> [FlowRecord] {
        let action = "query \(query.object) records"
        guard query.locking else {
            return try await run(action) { try await rows.query(connection, query, locking: false) }
        }
        return try await guarded(action) { try await rows.query(connection, query, locking: true) }
    }

    func servingPlan(for query: RecordQuery) async throws -> String? {
        PostgresRecordRows.summary(try await run("explain a query") { try await rows.explain(connection, query) })
    }

    func record(id: String) async throws -> FlowRecord? {
        try await run("read record \(id)") { try await rows.record(connection, id: id) }
    }

    func create(_ record: FlowRecord) async throws -> String {
        let id = try await guarded("create a \(record.objectType ?? "record") record") {
            try await rows.create(connection, record)
        }
        changed.store(true, ordering: .relaxed)
        return id
    }

    func update(object: String, id: String, fields: [String: FlowValue]) async throws {
        try await guarded("update \(object) record \(id)") {
            try await rows.update(connection, object: object, id: id, fields: fields)
        }
        changed.store(true, ordering: .relaxed)
    }

    @discardableResult
    func delete(object: String, ids: [String]) async throws -> Int {
        let count = try await guarded("delete \(object) records") {
            try await rows.delete(connection, object: object, ids: ids)
        }
        if count > 0 { changed.store(true, ordering: .relaxed) }
        return count
    }

    // MARK: - Running statements

    /// Runs `body` inside a savepoint of its own, undone alone if it fails.
    private func guarded<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        try await run(action) {
            try await execute("SAVEPOINT flow_operation")
            let result: T
            do {
                result = try await body()
            } catch {
                try await execute("ROLLBACK TO SAVEPOINT flow_operation")
                try await execute("RELEASE SAVEPOINT flow_operation")
                throw error
            }
            try await execute("RELEASE SAVEPOINT flow_operation")
            return result
        }
    }

    private func run<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        guard !ended.load(ordering: .relaxed) else {
            throw RecordStoreError(.storage, "could not \(action): the transaction has already ended")
        }
        do {
            return try await body()
        } catch {
            throw PostgresRecordErrors.mapped(action, error)
        }
    }

    /// A statement with nothing bound.
    private func execute(_ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    // MARK: - For the store's own upkeep

    /// A statement with nothing bound (schema upkeep), its failure said as failing `action`.
    func execute(_ sql: String, action: String) async throws {
        try await run(action) { try await execute(sql) }
    }

    /// Waits until no other transaction holds the advisory lock `name`, then holds it until this
    /// one ends: schema upkeep and fixture loading take turns across processes this way.
    func waitForTurn(_ name: String, action: String) async throws {
        var bindings = PostgresBindings()
        bindings.append(name)
        _ = try await run(action) {
            try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(hashtext($1))", binds: bindings), logger: logger)
        }
    }

    /// The names of the indexes on the records table in `schema`.
    func indexNames(schema: String, action: String) async throws -> Set<String> {
        var bindings = PostgresBindings()
        bindings.append(schema)
        return try await run(action) {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'records'",
                    binds: bindings),
                logger: logger)
            var names: Set<String> = []
            for try await name in rows.decode(String.self) { names.insert(name) }
            return names
        }
    }

    func recordCount() async throws -> Int {
        try await run("count records") { try await rows.count(connection, object: nil) }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(seconds * 1000 + attoseconds / 1_000_000_000_000_000, 1)
    }
}
