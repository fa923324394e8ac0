import FlowrunCore
import Foundation
import Logging
import Synchronization

/// How many interviews may be started, from one client address and in all, in a window: each
/// start stores an interview, so these bound how fast anyone, signed in or not, can fill the
/// database. Counted in the `AccessStore`, so servers sharing a database share the limits.
public struct InterviewStartLimits: Sendable, Equatable {
    public var perAddress: Int
    public var total: Int
    public var window: TimeInterval

    public init(perAddress: Int = 20, total: Int = 300, window: TimeInterval = 10 * 60) {
        self.perAddress = perAddress
        self.total = total
        self.window = window
    }
}

/// Abandoned interviews are deleted: one nobody stored an answer to for `lifetime` counts as gone
/// at once (it is not found, even before it is deleted), and stores that can
/// (`InterviewStoreMaintenance`) delete them all at most once a `sweepInterval`, when an
/// interview is started. Starts are what make the store grow, so sweeping there keeps it bounded
/// at about `total` starts per `window` times `lifetime`.
final class InterviewExpiry: Sendable {
    let lifetime: TimeInterval
    let sweepInterval: TimeInterval
    private let store: any InterviewStore
    private let clock: any FlowClock
    private let logger: Logger
    private let lastSweep = Mutex<Date?>(nil)

    init(lifetime: TimeInterval, store: any InterviewStore, clock: any FlowClock, logger: Logger) {
        self.lifetime = lifetime
        sweepInterval = min(60, lifetime / 10)
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// True when the interview was last stored more than `lifetime` ago.
    func hasExpired(_ stored: StoredInterview) -> Bool {
        stored.updatedAt < clock.now().addingTimeInterval(-lifetime)
    }

    /// Deletes the expired interviews when the last sweep was `sweepInterval` ago or more. A
    /// failure is logged, never the request's: it is tried again at a later start.
    func sweepIfDue() async {
        guard let maintained = store as? any InterviewStoreMaintenance else { return }
        let now = clock.now()
        let due = lastSweep.withLock { last in
            guard last.map({ now.timeIntervalSince($0) >= sweepInterval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        do {
            let deleted = try await maintained.deleteInterviews(untouchedSince: now.addingTimeInterval(-lifetime), now: now)
            if deleted > 0 { logger.info("expired interviews deleted", metadata: ["count": "\(deleted)"]) }
        } catch {
            logger.error("expired interviews could not be deleted", metadata: ["error": "\(error)"])
        }
    }
}

extension RequestError {
    static let tooManyStartsFromAddress = RequestError(
        .tooManyRequests, "Too many interviews were started from your address. Wait a few minutes and try again.")
    static let tooManyStarts = RequestError(
        .tooManyRequests, "Too many interviews are being started on this server. Wait a few minutes and try again.")
}

extension WebApp {
    /// Counts a start against the limits (429 past either), and sweeps expired interviews when due.
    func admitInterviewStart(_ context: WebRequestContext) async throws {
        let limits = setup.startLimits
        let addressRule = RateLimiter.Rule(limit: limits.perAddress, window: limits.window)
        guard try await limiter.record("start-address:\(context.clientAddress)", addressRule) else {
            setup.logger.notice("interview start limit reached for an address")
            throw RequestError.tooManyStartsFromAddress
        }
        guard try await limiter.record("start-all", RateLimiter.Rule(limit: limits.total, window: limits.window)) else {
            setup.logger.notice("interview start limit reached for the server")
            throw RequestError.tooManyStarts
        }
        await expiry.sweepIfDue()
    }

    /// `loaded`, unless it expired: then it is deleted and, like any missing interview, not found.
    func unexpired(_ loaded: InterviewRunner.Loaded?) async throws -> InterviewRunner.Loaded? {
        guard let loaded else { return nil }
        guard expiry.hasExpired(loaded.stored) else { return loaded }
        try await runner.delete(loaded)
        return nil
    }
}
