import GRDB

/// Where the interview and access tables are written: a connection of their own, or the record
/// store's, shared. Sharing is what `flowrun serve` does: its claims, stored interviews, attempt
/// counts and record transactions then queue in one `TransactionGate` in arrival order, instead
/// of three connections to one file waking each other in SQLite's busy handler (which sleeps up
/// to 100 ms at a time).
enum SQLiteWriter: Sendable {
    case own(any DatabaseWriter)
    case shared(SQLiteRecordStore)

    /// Runs `body` in a write transaction of its own.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        switch self {
        case .own(let writer): try await writer.write(body)
        case .shared(let store): try await store.exclusiveWrite(body)
        }
    }

    /// Runs `body` on the last commit.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        switch self {
        case .own(let writer): try await writer.read(body)
        case .shared(let store): try await store.readCommitted(body)
        }
    }

    /// The connection migrations run on, once, when the store is opened.
    var migrating: any DatabaseWriter {
        switch self {
        case .own(let writer): writer
        case .shared(let store): store.writer
        }
    }
}
