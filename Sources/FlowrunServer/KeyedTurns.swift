/// One at a time per key, in arrival order: sign-ins for one username take turns in this
/// process. Each attempt is counted before its hash, so without turns twelve right passwords
/// sent at once would count twelve attempts before the first could clear the count, and all
/// but five would be refused; with turns each one's count is cleared before the next is made.
/// Other usernames never wait. Waiters are resumed in order; memory is one entry per key in use.
actor KeyedTurns {
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var busy: Set<String> = []

    /// Runs `body` when it is `key`'s turn.
    func inTurn<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        guard busy.contains(key) else {
            busy.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    /// Hands the turn to the next waiter (the key stays busy), or frees the key.
    private func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            busy.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
