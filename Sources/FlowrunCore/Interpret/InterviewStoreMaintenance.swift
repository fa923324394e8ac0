import Foundation

/// What a server does to keep an interview store bounded: abandoned interviews (nobody answered
/// them for a while) are deleted, and how much is stored can be read. SQLite and PostgreSQL stores
/// provide it; a store without it simply keeps everything.
public protocol InterviewStoreMaintenance: Sendable {
    /// Deletes every interview last stored before `cutoff`, except one a request holds now (its
    /// claim lasts beyond `now`): its answer is being computed and will be stored.
    /// - Returns: how many were deleted.
    func deleteInterviews(untouchedSince cutoff: Date, now: Date) async throws -> Int

    /// How many interviews are stored, and the bytes of their states.
    func storedInterviews() async throws -> (count: Int, stateBytes: Int)
}
