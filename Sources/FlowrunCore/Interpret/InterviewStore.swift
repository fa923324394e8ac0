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
