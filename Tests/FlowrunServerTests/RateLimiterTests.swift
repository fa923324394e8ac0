import FlowrunCore
import Foundation
import Testing

@testable import FlowrunServer

/// The sliding window: attempts beyond the limit are refused until the window has passed.
@Suite struct RateLimiterTests {
    @Test func refusesBeyondTheLimitUntilTheWindowPasses() async {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_714_555_800))
        let limiter = RateLimiter(now: { clock.now() })
        let rule = RateLimiter.Rule(limit: 3, window: 60)
        #expect(await limiter.record("k", rule))
        #expect(await limiter.record("k", rule))
        #expect(await !limiter.isBlocked("k", rule))
        #expect(await limiter.record("k", rule))
        #expect(await limiter.isBlocked("k", rule))
        #expect(await !limiter.record("k", rule))
        #expect(await !limiter.isBlocked("other", rule))
        clock.advance(by: 61)
        #expect(await !limiter.isBlocked("k", rule))
        #expect(await limiter.record("k", rule))
        await limiter.reset("k")
        #expect(await !limiter.isBlocked("k", rule))
    }
}
