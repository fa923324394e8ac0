import Crypto
import FlowrunCore
import Foundation

/// Counts attempts per key (a username, a client address, an interview) in a sliding window and
/// refuses more than a rule's `limit` of them: password guessing and code guessing both stop
/// there. The counts live in the `AccessStore` the servers share, so a second server sees the
/// attempts made on the first.
struct RateLimiter: Sendable {
    struct Rule: Sendable {
        var limit: Int
        var window: TimeInterval
    }

    let store: any AccessStore
    let clock: any FlowClock

    /// True when `key` has used up its attempts in the window.
    func isBlocked(_ key: String, _ rule: Rule) async throws -> Bool {
        try await store.attempts(Self.digest(key), window: rule.window, now: clock.now()) >= rule.limit
    }

    /// Counts one attempt, atomically with the check; true when it was still allowed.
    @discardableResult
    func record(_ key: String, _ rule: Rule) async throws -> Bool {
        try await store.countAttempt(Self.digest(key), limit: rule.limit, window: rule.window, now: clock.now())
    }

    func reset(_ key: String) async throws {
        try await store.clearAttempts(Self.digest(key))
    }

    /// The key as stored: a SHA-256 digest, 64 characters whatever was typed (a username of one
    /// letter and thousands of combining marks included), and no username kept in the clear.
    static func digest(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String($0, radix: 16).leftPaddedTo2 }.joined()
    }
}

extension String {
    fileprivate var leftPaddedTo2: String { count < 2 ? "0" + self : self }
}
