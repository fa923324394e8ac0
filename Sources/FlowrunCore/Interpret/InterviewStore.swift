import Foundation

/// Where a paused interview waits between screens, so that a restarted server, or another server
/// sharing the same store, resumes it where it was. Implementations live beside their database
/// (SQLite in FlowrunSQLite, PostgreSQL in FlowrunPostgres); the core knows only this contract.
public protocol InterviewStore: Sendable {
    /// Inserts the interview, or replaces the one stored under the same id.
    func save(_ interview: StoredInterview) async throws
    /// The interview stored under this id, or nil when there is none.
    func load(id: String) async throws -> StoredInterview?
    /// Removes the interview; removing an id that is not stored is not an error.
    func delete(id: String) async throws
}

/// One stored interview: its state as the interpreter encodes it, and who may resume it.
public struct StoredInterview: Sendable, Equatable, Codable {
    /// Unguessable: at least 128 bits from a CSPRNG.
    public var id: String
    /// The browser session or API client the interview is bound to; nobody else may resume it.
    public var owner: String
    /// The flow's API name, to find its definition again after a restart.
    public var flowName: String
    /// The JSON-encoded `Interview`.
    public var state: Data
    public var updatedAt: Date

    public init(id: String, owner: String, flowName: String, state: Data, updatedAt: Date) {
        self.id = id
        self.owner = owner
        self.flowName = flowName
        self.state = state
        self.updatedAt = updatedAt
    }
}
