import FlowrunCore
import PostgresNIO

/// PostgreSQL's failures as `RecordStoreError`s: waits for locks that ran out, deadlocks and
/// serialization failures are Salesforce's `UNABLE_TO_LOCK_ROW` (`.locked`); the rest are
/// `.storage` errors with the server's message. Never the SQL's bound values, which may hold
/// personal data or one-time codes: PostgreSQL puts those in an error's detail, which is left out.
enum PostgresRecordErrors {
    /// SQLSTATEs that mean "another transaction held the rows": `lock_not_available` (the lock
    /// wait ran out), `deadlock_detected`, `serialization_failure`.
    static let lockStates: [String: String] = [
        "55P03": "the records stayed locked by another transaction longer than the store waits",
        "40P01": "it would have deadlocked with another transaction",
        "40001": "another transaction changed the same records at the same time",
    ]

    static func mapped(_ action: String, _ error: any Error) -> any Error {
        if error is RecordStoreError || error is CancellationError { return error }
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], let reason = lockStates[state] {
            return RecordStoreError.locked("could not \(action): \(reason)")
        }
        return RecordStoreError(.storage, "could not \(action) in PostgreSQL: \(describe(error))")
    }

    /// What went wrong, safe to show: the server's message, or the client's error code and the
    /// network error under it (PSQLError's own description deliberately says nothing).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
