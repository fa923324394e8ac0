import FlowrunCore
import FlowrunSQLite
import Foundation
import GRDB
import Testing

/// An answer to a screen as one SQLite transaction (`RecordSharingInterviewStore`): the claim,
/// the flow's record changes and the stored interview commit together or not at all, and the
/// claim still lets exactly one request advance an interview, in one server or in two servers
/// sharing the file.
@Suite struct SQLiteOneTransactionTests {
    /// One server's stores: the interview table on the record store's connection, as `flowrun serve` opens them.
    private struct Server {
        let records: SQLiteRecordStore
        let interviews: SQLiteInterviewStore

        init(file: String) throws {
            records = try SQLiteRecordStore(path: file)
            interviews = try SQLiteInterviewStore(sharing: records)
        }
    }

    private static let now = Date(timeIntervalSince1970: 1_714_555_800)
    private static let until = now.addingTimeInterval(120)

    private static func file() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("one-transaction-\(UUID().uuidString).sqlite").path
    }

    private static func remove(_ file: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }

    private static func interview(version: Int, state: String = #"{"screen":"Ask"}"#) -> StoredInterview {
        StoredInterview(id: "i1", owner: "api:one", flowName: "Screen_Loop", state: Data(state.utf8), updatedAt: now, version: version)
    }

    private static let answer = FlowRecord(objectType: "Answer__c", fields: ["Amount__c": 42])

    @Test func sharesTransactionsOnlyWithItsOwnRecordStore() throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        #expect(server.interviews.sharesTransactions(with: server.records))
        #expect(!server.interviews.sharesTransactions(with: try SQLiteRecordStore.inMemory()))
        #expect(!(try SQLiteInterviewStore()).sharesTransactions(with: server.records))
    }

    @Test func theClaimTheRecordsAndTheNewStateCommitTogether() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        try await server.interviews.save(Self.interview(version: 0))

        let result = try await server.interviews.claimAdvanceAndSave(id: "i1", version: 0, until: Self.until, now: Self.now) {
            transaction in
            _ = try await transaction.create(Self.answer)
            return (Self.interview(version: 2, state: #"{"answers":1}"#), "advanced")
        }
        #expect(result == "advanced")
        let stored = try #require(try await server.interviews.load(id: "i1"))
        #expect(stored.version == 2)
        #expect(String(decoding: stored.state, as: UTF8.self) == #"{"answers":1}"#)
        #expect(try await server.records.recordCount(object: "Answer__c") == 1)
        // Stored means let go: the next answer, from version 2, may claim it at once.
        #expect(try await server.interviews.claim(id: "i1", version: 2, until: Self.until, now: Self.now))
    }

    @Test func aStaleOrHeldInterviewRunsNothing() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        try await server.interviews.save(Self.interview(version: 0))
        var runs = 0

        // A request that loaded version 0 after another answer moved it on.
        let stale = try await server.interviews.claimAdvanceAndSave(id: "i1", version: 5, until: Self.until, now: Self.now) {
            _ in
            runs += 1
            return (Self.interview(version: 7), "ran")
        }
        #expect(stale == nil)
        // Another request holds it (claimed, not yet stored): version 1 is taken until `until`.
        #expect(try await server.interviews.claim(id: "i1", version: 0, until: Self.until, now: Self.now))
        let held = try await server.interviews.claimAdvanceAndSave(id: "i1", version: 1, until: Self.until, now: Self.now) {
            _ in
            runs += 1
            return (Self.interview(version: 3), "ran")
        }
        #expect(held == nil)
        #expect(runs == 0)
        #expect(try await server.interviews.load(id: "i1")?.version == 1)
    }

    private struct VendorDown: Error {}

    @Test func aFailureKeepsNothingNotEvenTheClaim() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        try await server.interviews.save(Self.interview(version: 0))

        await #expect(throws: VendorDown.self) {
            _ = try await server.interviews.claimAdvanceAndSave(id: "i1", version: 0, until: Self.until, now: Self.now) {
                transaction -> (interview: StoredInterview, result: Void) in
                _ = try await transaction.create(Self.answer)
                throw VendorDown()
            }
        }
        #expect(try await server.records.recordCount(object: "Answer__c") == 0)
        let stored = try #require(try await server.interviews.load(id: "i1"))
        #expect(stored == Self.interview(version: 0))
        // Not left claimed: the same answer can be sent again at once.
        #expect(try await server.interviews.claim(id: "i1", version: 0, until: Self.until, now: Self.now))
    }

    /// Roll Back Records undoes the flow's changes but not the claim; a callout commits the claim
    /// with the work before it and holds no lock, so another server can write meanwhile and
    /// still cannot take the interview.
    @Test func aCalloutCommitsTheClaimAndHoldsNoLock() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        let other = try Server(file: file)
        try await server.interviews.save(Self.interview(version: 0))

        let result = try await server.interviews.claimAdvanceAndSave(id: "i1", version: 0, until: Self.until, now: Self.now) {
            transaction in
            _ = try await transaction.create(Self.answer)
            try await transaction.rollBack()
            let seenByOther = try await transaction.outside {
                // The lock is free: this would wait SQLite's busy time out and fail if it were held.
                _ = try await other.records.create(Self.answer)
                let atLoaded = try await other.interviews.claim(id: "i1", version: 0, until: Self.until, now: Self.now)
                let atClaimed = try await other.interviews.claim(id: "i1", version: 1, until: Self.until, now: Self.now)
                return [atLoaded, atClaimed]
            }
            return (Self.interview(version: 2), seenByOther)
        }
        #expect(result == [false, false])
        #expect(try await server.records.recordCount(object: "Answer__c") == 1)
        #expect(try await other.interviews.load(id: "i1")?.version == 2)
    }

    /// The write lock is taken on the request's own thread when it is free; when another process
    /// holds it, the answer waits for it (SQLite's busy wait, off the task's thread) and then goes
    /// through, rather than failing as locked.
    @Test func anAnswerWaitsForAWriteLockHeldElsewhere() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let server = try Server(file: file)
        try await server.interviews.save(Self.interview(version: 0))
        // Another process's connection, holding the lock between two of its accesses.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: file, configuration: holding)
        try await holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }

        let answering = Task {
            try await server.interviews.claimAdvanceAndSave(id: "i1", version: 0, until: Self.until, now: Self.now) {
                transaction in
                _ = try await transaction.create(Self.answer)
                return (Self.interview(version: 2), "advanced")
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        // Nothing can have been committed under the other connection's lock.
        #expect(try await server.records.recordCount(object: "Answer__c") == 0)
        try await holder.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }

        #expect(try await answering.value == "advanced")
        #expect(try await server.records.recordCount(object: "Answer__c") == 1)
        #expect(try await server.interviews.load(id: "i1")?.version == 2)
    }

    /// Eight requests answering one interview from the same loaded version at the same moment,
    /// four in each of two servers sharing the file: exactly one advances it.
    @Test func oneOfManyParallelAnswersAdvancesTheInterview() async throws {
        let file = Self.file()
        defer { Self.remove(file) }
        let servers = [try Server(file: file), try Server(file: file)]
        try await servers[0].interviews.save(Self.interview(version: 0))

        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                let server = servers[index % 2]
                group.addTask {
                    let advanced = try await server.interviews.claimAdvanceAndSave(
                        id: "i1", version: 0, until: Self.until, now: Self.now
                    ) { transaction in
                        _ = try await transaction.create(Self.answer)
                        return (Self.interview(version: 2, state: #"{"by":\#(index)}"#), true)
                    }
                    return advanced ?? false
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 8)
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await servers[1].records.recordCount(object: "Answer__c") == 1)
        #expect(try await servers[1].interviews.load(id: "i1")?.version == 2)
    }
}
