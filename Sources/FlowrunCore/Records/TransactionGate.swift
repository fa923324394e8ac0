import Synchronization

/// Lets one transaction in at a time and queues the others in arrival order, without blocking a
/// thread while they wait: the in-process half of "one writing transaction at a time" for the
/// SQLite and in-memory stores (SQLite's own write lock is the half between processes).
public final class TransactionGate: Sendable {
    private struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Waits for the gate, then holds it until `leave()`.
    public func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let entered = state.withLock { state in
                if state.held {
                    state.waiting.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if entered { continuation.resume() }
        }
    }

    /// Hands the gate to the next in line, or opens it.
    public func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.held = false
                return nil
            }
            // Still held: ownership passes straight to the next waiter, so nobody can jump the queue.
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding the gate.
    /// - Throws: `RecordStoreError(.storage)` when this task already holds the gate: the code
    ///   inside a transaction used the store itself instead of the transaction, which would
    ///   otherwise wait for itself forever.
    public func through<T>(_ body: () async throws -> T) async throws -> T {
        let me = ObjectIdentifier(self)
        if Self.held.contains(me) {
            throw RecordStoreError(
                .storage, "a record store was used directly inside one of its own transactions; use the transaction")
        }
        await enter()
        defer { leave() }
        return try await Self.$held.withValue(Self.held.union([me])) { try await body() }
    }

    /// Runs `work` after handing the gate on, for `RecordTransaction.outside`, then takes it back.
    public func released<T>(_ work: () async throws -> T) async throws -> T {
        let me = ObjectIdentifier(self)
        leave()
        let result: Result<T, any Error>
        do {
            result = .success(try await Self.$held.withValue(Self.held.subtracting([me])) { try await work() })
        } catch {
            result = .failure(error)
        }
        await enter()
        return try result.get()
    }

    /// The gates the current task holds.
    @TaskLocal private static var held: Set<ObjectIdentifier> = []
}
