import Foundation

/// Where a paused interview waits between screens, so that a restarted server, or another server
/// sharing the same store, resumes it where it was. Implementations live beside their database
/// (SQLite in FlowrunSQLite, PostgreSQL in FlowrunPostgres); the core knows only this contract.
public protocol InterviewStore: Sendable {
    /// Inserts the interview, or replaces the one stored under the same id (with its version),
    /// and lets go of any claim on it.
    func save(_ interview: StoredInterview) async throws
    /// The interview stored under this id, or nil when there is none.
    func load(id: String) async throws -> StoredInterview?
    /// Removes the interview; removing an id that is not stored is not an error.
    func delete(id: String) async throws
    /// Takes the interview for one request, so that no two requests (two tabs, a double click,
    /// two servers) ever advance it at once: succeeds, moving it to `version + 1` and holding it
    /// until `until`, only when it is still at `version` and nobody holds it (or their hold lapsed
    /// before `now`, as when a server died mid-request). The request then stores its result with
    /// `save`, at a later version, which lets go of it.
    /// - Returns: false when another request answered or holds it: the caller's copy is stale.
    func claim(id: String, version: Int, until: Date, now: Date) async throws -> Bool
}

/// An interview store in the same database as a record store, written through the same
/// connection, so that an answer to a screen is one database transaction: the claim, the flow
/// transaction it guards and the stored result commit together, or (when anything in it throws)
/// none of them does. Three commits and three turns at the database's single writer were what
/// bounded `flowrun serve` on SQLite.
public protocol RecordSharingInterviewStore: InterviewStore {
    /// Whether `records` is the store whose transactions this one can join.
    func sharesTransactions(with records: any RecordStore) -> Bool

    /// In one transaction of the shared record store: claims the interview as `claim` does, runs
    /// `advance` (the flow transaction, on the open transaction), and stores the interview it
    /// returns as `save` does. The claim comes before the flow's own start, so Roll Back Records
    /// and a fault, which undo the flow's changes, keep it; a callout inside `advance` commits it
    /// with the flow's work so far (`RecordTransaction.outside`), so the interview stays claimed,
    /// as a claim of its own would, while no lock is held.
    /// - Returns: what `advance` returns beside the interview; nil, having run nothing, when the
    ///   claim failed (another request answered or holds the interview).
    /// - Throws: what `advance` throws, storage errors; nothing of the transaction is kept then.
    func claimAdvanceAndSave<T>(
        id: String, version: Int, until: Date, now: Date,
        _ advance: (any RecordTransaction) async throws -> (interview: StoredInterview, result: T)
    ) async throws -> T?
}

/// One stored interview: its state as the interpreter encodes it, and who may resume it.
public struct StoredInterview: Sendable, Equatable, Codable {
    /// Unguessable: at least 128 bits from a CSPRNG.
    public var id: String
    /// The browser session or API client the interview is bound to; nobody else may resume it.
    public var owner: String
    /// The flow's API name, to find its definition again after a restart.
    public var flowName: String
    /// The interview as `Interpreter.snapshot(of:)` stores it (JSON keyed by names, format 2).
    public var state: Data
    public var updatedAt: Date
    /// Raised by every claim and save: a request that loaded an older version is stale.
    public var version: Int

    public init(id: String, owner: String, flowName: String, state: Data, updatedAt: Date, version: Int = 0) {
        self.id = id
        self.owner = owner
        self.flowName = flowName
        self.state = state
        self.updatedAt = updatedAt
        self.version = version
    }
}
