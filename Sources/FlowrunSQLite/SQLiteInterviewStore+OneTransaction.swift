import FlowrunCore
import Foundation
import GRDB

/// An answer to a screen as one SQLite transaction, when the interview table shares the record
/// store's connection (`init(sharing:)`, as `flowrun serve` opens it): the claim, the flow's
/// record changes and the stored interview are one `BEGIN IMMEDIATE … COMMIT`, one turn at the
/// writer's gate and one commit instead of three.
///
/// The claim still decides: it is the transaction's first statement, so two requests in this
/// process (one gate) or in two processes sharing the file (SQLite's write lock) each see the
/// other's commit, and the second is refused. A server that dies before the commit leaves no
/// claim behind: the interview is as it was, and can be answered again at once.
extension SQLiteInterviewStore: RecordSharingInterviewStore {
    public func sharesTransactions(with records: any RecordStore) -> Bool {
        guard case .shared(let store) = database else { return false }
        return (records as? SQLiteRecordStore) === store
    }

    public func claimAdvanceAndSave<T>(
        id: String, version: Int, until: Date, now: Date,
        _ advance: (any RecordTransaction) async throws -> (interview: StoredInterview, result: T)
    ) async throws -> T? {
        guard case .shared(let store) = database else {
            throw InterviewStoreError(description: "could not claim interview: the interview table is not in the record database")
        }
        let claim: @Sendable (Database) throws -> Bool = { db in
            do {
                return try Self.claim(id: id, version: version, until: until, now: now, in: db)
            } catch {
                throw InterviewStoreError.wrapping("claim interview", error)
            }
        }
        return try await store.transaction(first: claim) { transaction in
            let (interview, result) = try await advance(transaction)
            // After `advance`, in whichever transaction is open then: a callout in the flow
            // committed the earlier one and began another.
            try await store.run("store interview") { db in try Self.save(interview, in: db) }
            return result
        }
    }
}
