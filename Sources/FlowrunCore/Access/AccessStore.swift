import Foundation

/// What decides access besides records and interviews: attempts counted in a sliding window
/// (passwords, codes) and sessions ended before their cookies expire. Kept in the database the
/// servers share, so any number of `flowrun serve` processes behind one load balancer count the
/// same attempts and refuse the same logged-out sessions.
///
/// Keys are opaque to the store; the server gives fixed-size digests, so a hostile username can
/// never make a key large.
public protocol AccessStore: Sendable {
    /// Counts one attempt for `key` at `now`, if fewer than `limit` were counted in the `window`
    /// before it. The check and the count are one atomic step, so racing requests cannot
    /// overshoot the limit.
    /// - Returns: true when the attempt was counted (allowed), false when the limit was reached.
    func countAttempt(_ key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool

    /// How many attempts for `key` were counted in the `window` before `now`.
    func attempts(_ key: String, window: TimeInterval, now: Date) async throws -> Int

    /// Forgets the attempts for `key` (a right password clears the wrong ones before it).
    func clearAttempts(_ key: String) async throws

    /// Ends `session` for every server: its cookies are refused until `until`, when they expire anyway.
    func revoke(session: String, until: Date) async throws

    /// Whether `session` was ended and its cookies would still be valid at `now`.
    func isRevoked(session: String, now: Date) async throws -> Bool
}
