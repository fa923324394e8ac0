import FlowrunCore
import FlowrunPostgres
import Foundation
import PostgresNIO
import Testing

/// What only the PostgreSQL store has to show: transactions of separate servers, row locks that
/// are waited for and then given up on, and a failed statement that leaves its transaction usable.
@Suite("PostgresRecordStore: transactions across servers and row locks", .temporaryPostgresSchemas)
struct PostgresTransactionTests {
    static let ada = TransactionContractTests.ada

    /// Two stores with clients of their own (two `flowrun serve` processes) on one database:
    /// racing read-modify-writes lose nothing, and what one commits the other reads at once.
    @Test func twoServersOnOneDatabaseLoseNoUpdateAndSeeEachOthersCommits() async throws {
        let schema = try TestPostgres.freshSchema()
        try await TestPostgres.withOwnClient { firstClient in
            try await TestPostgres.withOwnClient { secondClient in
                let one = try await TestPostgres.makeStore(client: firstClient, schema: schema)
                let other = try await TestPostgres.makeStore(client: secondClient, schema: schema)
                _ = try await one.create(Self.ada)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<30 {
                        let store = index.isMultiple(of: 2) ? one : other
                        group.addTask { try await TransactionContractTests.incrementLogins(in: store) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await one.record(id: contactID(1))?["Logins"] == 30)
                #expect(try await other.record(id: contactID(1))?["Logins"] == 30)

                try await one.transaction { transaction in
                    try await transaction.update(object: "Contact", id: contactID(1), fields: ["Name": "Ada Lovelace"])
                    // Not committed yet: the other server still reads the last commit.
                    #expect(try await other.record(id: contactID(1))?["Name"] == "Ada")
                }
                #expect(try await other.record(id: contactID(1))?["Name"] == "Ada Lovelace")
                let account = try await other.create(FlowRecord(objectType: "Account", fields: ["Name": "Acme"]))
                #expect(try await one.query(RecordQuery(object: "Account")).map(\.id) == [account])
            }
        }
    }

    /// A locking read of a row another transaction holds waits `lockWait`, then fails as
    /// UNABLE_TO_LOCK_ROW; the waiting transaction stays usable and commits what it did besides.
    @Test func aRowLockedLongerThanTheWaitIsUnableToLockRowAndTheTransactionGoesOn() async throws {
        let holder = try await TestPostgres.makeStore()
        let waiter = try await TestPostgres.makeStore(schema: holder.schema, lockWait: .milliseconds(300))
        _ = try await holder.create(Self.ada)
        let (locked, lockedSignal) = AsyncStream<Void>.makeStream()
        let (done, doneSignal) = AsyncStream<Void>.makeStream()
        let byID = RecordQuery(
            object: "Contact", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(contactID(1)))],
            locking: true)
        async let holding: Void = holder.transaction { transaction in
            _ = try await transaction.query(byID)
            lockedSignal.yield()
            // Hold the lock until the other transaction has given up on it.
            for await _ in done { break }
        }
        for await _ in locked { break }
        let started = ContinuousClock.now
        try await waiter.transaction { transaction in
            let error = await #expect(throws: RecordStoreError.self) { try await transaction.query(byID) }
            #expect(error?.code == .locked)
            #expect(error?.message.hasPrefix("UNABLE_TO_LOCK_ROW: could not query Contact records") == true)
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "After the wait"]))
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        doneSignal.yield()
        try await holding
        #expect(try await holder.query(RecordQuery(object: "Account")).map { $0["Name"] } == ["After the wait"])
    }

    /// A write that fails (here a taken Id) is undone alone: the transaction's earlier and later
    /// writes commit, as a Create Records with a fault path leaves the rest of Salesforce's transaction.
    @Test func aFailedWriteLeavesItsTransactionUsable() async throws {
        let store = try await TestPostgres.makeStore()
        _ = try await store.create(Self.ada)
        try await store.transaction { transaction in
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Before"]))
            let duplicate = await #expect(throws: RecordStoreError.self) {
                try await transaction.create(FlowRecord(objectType: "Lead", fields: ["Id": .string(contactID(1))]))
            }
            #expect(duplicate == RecordStoreError.duplicateID(object: "Lead", id: contactID(1)))
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "After"]))
        }
        #expect(try await store.query(RecordQuery(object: "Account")).map { $0["Name"] } == ["Before", "After"])
    }

    /// A transaction value used after its transaction ended does not reach the pooled connection.
    @Test func aTransactionUsedAfterItEndedIsAnError() async throws {
        let store = try await TestPostgres.makeStore()
        let escaped = try await store.transaction { $0 }
        let error = await #expect(throws: RecordStoreError.self) {
            try await escaped.create(FlowRecord(objectType: "Account", fields: ["Name": "Late"]))
        }
        #expect(error?.message == "could not create a Account record: the transaction has already ended")
        #expect(try await store.recordCount() == 0)
    }
}
