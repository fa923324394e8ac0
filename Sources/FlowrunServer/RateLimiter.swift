import Foundation

/// Counts attempts per key (a username, a client address, an interview) in a sliding window and
/// refuses more than `limit` of them: password guessing and code guessing both stop there.
actor RateLimiter {
    struct Rule: Sendable {
        var limit: Int
        var window: TimeInterval
    }

    private var attempts: [String: [Date]] = [:]
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    /// True when `key` has used up its attempts in the window.
    func isBlocked(_ key: String, _ rule: Rule) -> Bool {
        recent(key, rule).count >= rule.limit
    }

    /// Counts one attempt; true when it was still allowed.
    @discardableResult
    func record(_ key: String, _ rule: Rule) -> Bool {
        // Many distinct keys (usernames someone made up) must not grow memory without bound.
        if attempts.count > Self.maxKeys { prune(olderThan: rule.window) }
        var times = recent(key, rule)
        guard times.count < rule.limit else { return false }
        times.append(now())
        attempts[key] = times
        return true
    }

    func reset(_ key: String) { attempts[key] = nil }

    static let maxKeys = 100_000

    /// Drops every key with no attempt inside `window`; if that is not enough, the oldest half.
    private func prune(olderThan window: TimeInterval) {
        let start = now().addingTimeInterval(-window)
        attempts = attempts.filter { $0.value.contains { $0 > start } }
        if attempts.count > Self.maxKeys {
            let newest = attempts.sorted { ($0.value.last ?? .distantPast) > ($1.value.last ?? .distantPast) }
            attempts = Dictionary(uniqueKeysWithValues: newest.prefix(Self.maxKeys / 2).map { ($0.key, $0.value) })
        }
    }

    private func recent(_ key: String, _ rule: Rule) -> [Date] {
        let start = now().addingTimeInterval(-rule.window)
        let times = (attempts[key] ?? []).filter { $0 > start }
        if times.isEmpty { attempts[key] = nil } else { attempts[key] = times }
        return times
    }
}
