/// Flow transactions as database transactions.
///
/// Salesforce runs what an interview does between two screens (or a wait, or the end) as one
/// transaction: its record changes commit together, an unhandled fault rolls all of them back,
/// and Roll Back Records undoes them so far. flowrun runs that stretch inside one
/// `RecordStore.transaction`, so the same holds in the database: nobody sees a change before the
/// commit, a process killed in the middle leaves none of them, and two interviews updating the
/// same record are serialised instead of losing an update.
extension Execution {
    /// Runs `work` (a start, a resume, a scheduled path) as one flow transaction. Inside a
    /// transaction already (a subflow's), it simply runs.
    mutating func inTransaction(_ work: (inout Execution) async -> Void) async {
        guard transaction == nil else {
            await work(&self)
            return
        }
        let store = services.records
        do {
            try await store.transaction { transaction in try await self.asFlowTransaction(in: transaction, work) }
        } catch {
            // The commit (or taking the lock) failed, so nothing the elements did was kept.
            fail(FlowRuntimeError(.other, "the records could not be saved, so nothing this step did was kept: \(error)"))
        }
        records = store
    }

    /// Runs `work` as one flow transaction in `transaction`, which whoever opened it commits.
    /// - Throws: when rolling back a failed flow's changes failed; the transaction must then be abandoned.
    mutating func asFlowTransaction(in transaction: any RecordTransaction, _ work: (inout Execution) async -> Void) async throws {
        records = transaction
        await work(&self)
        if case .failed = interview.status {
            // Salesforce's rule: an unhandled fault rolls back the whole transaction.
            try await transaction.rollBack()
        }
    }

    /// Commits the work so far, runs `work` with no transaction open, and goes on in a new one: for
    /// a plug-in that calls out, and at a wait. Outside a transaction, it just runs `work`.
    mutating func outsideTransaction<T>(_ work: () async throws -> T) async throws -> T {
        guard let transaction else { return try await work() }
        return try await transaction.outside(work)
    }
}
