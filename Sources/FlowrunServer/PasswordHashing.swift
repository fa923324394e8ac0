import Foundation
import NIOPosix
import Synchronization

/// Where PBKDF2 runs: a few threads of its own, never the event loops or Swift's cooperative pool
/// (on a two-core machine, eight password guesses hashing there took `GET /login` from 3 ms to
/// 300 ms). At most `threads` hashes run at once and `queueLimit` wait; more are refused with 503
/// at once rather than queued without bound.
public final class PasswordHashing: Sendable {
    /// One pool for the process: every `WebApp` in it shares the same threads.
    public static let shared = PasswordHashing(threads: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))

    let threads: Int
    let queueLimit: Int
    private let pool: NIOThreadPool
    /// Run on a pool thread before each hash. Tests hold hashes there to see the pool full.
    private let beforeEach: (@Sendable () -> Void)?

    private struct Counts {
        /// Hashes running or waiting.
        var inFlight = 0
        /// Hashes computed since the start (refused requests never reach one).
        var computed = 0
    }
    private let counts = Mutex(Counts())

    public convenience init(threads: Int, queueLimit: Int = 64) {
        self.init(threads: threads, queueLimit: queueLimit, beforeEach: nil)
    }

    init(threads: Int, queueLimit: Int, beforeEach: (@Sendable () -> Void)?) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
        self.beforeEach = beforeEach
        pool = NIOThreadPool(numberOfThreads: self.threads)
        pool.start()
    }

    deinit { pool.shutdownGracefully { _ in } }

    static let busy = RequestError(
        .serviceUnavailable, "The server is busy checking other sign-ins. Wait a moment and try again.")

    /// True when `password` hashes to `encoded` (`PasswordHash.verify`), computed on the pool.
    /// - Throws: `busy` (503) when the pool and its queue are full.
    func verify(password: String, against encoded: String) async throws -> Bool {
        try await run { PasswordHash.verify(password: password, against: encoded) }
    }

    /// The time a hash takes, for unknown usernames (`PasswordHash.spendTime`), on the pool.
    func spendTime(password: String) async throws {
        try await run { PasswordHash.spendTime(password: password) }
    }

    /// Hashes running or waiting now, and computed so far.
    var inFlight: Int { counts.withLock { $0.inFlight } }
    var computed: Int { counts.withLock { $0.computed } }

    private func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        let admitted = counts.withLock { counts in
            guard counts.inFlight < threads + queueLimit else { return false }
            counts.inFlight += 1
            return true
        }
        guard admitted else { throw Self.busy }
        defer { counts.withLock { $0.inFlight -= 1 } }
        return try await pool.runIfActive { [self] in
            beforeEach?()
            counts.withLock { $0.computed += 1 }
            return body()
        }
    }
}
