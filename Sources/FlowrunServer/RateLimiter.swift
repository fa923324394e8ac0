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
        var times = recent(key, rule)
        guard times.count < rule.limit else { return false }
        times.append(now())
        attempts[key] = times
        return true
    }

    func reset(_ key: String) { attempts[key] = nil }

    private func recent(_ key: String, _ rule: Rule) -> [Date] {
        let start = now().addingTimeInterval(-rule.window)
        let times = (attempts[key] ?? []).filter { $0 > start }
        if times.isEmpty { attempts[key] = nil } else { attempts[key] = times }
        return times
    }
}
