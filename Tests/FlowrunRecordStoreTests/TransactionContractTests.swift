import FlowrunCore
import FlowrunSQLite
import Foundation
import Synchronization
import Testing

/// What `RecordStore.transaction` promises, on every store: all or nothing, roll back to the
/// start, callouts outside, and no lost update when transactions race.
@Suite("RecordStore contract: transactions", .temporaryPostgresSchemas)
struct TransactionContractTests {
    static let ada = FlowRecord(objectType: "Contact", fields: ["Id": .string(contactID(1)), "Name": "Ada", "Logins": 0])

    @Test(arguments: StoreKind.allCases)
    func aTransactionThatThrowsKeepsNothing(store kind: StoreKind) async throws {
        let store = try await kind.makeStore([Self.ada])
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await store.transaction { transaction in
                _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Acme"]))
                try await transaction.update(object: "Contact", id: contactID(1), fields: ["Name": "Changed"])
                try await transaction.delete(object: "Contact", ids: [contactID(1)])
                // Its own writes are visible to it before the commit.
                #expect(try await transaction.query(RecordQuery(object: "Account")).count == 1)
                throw Stop()
            }
        }
        #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
        #expect(try await store.record(id: contactID(1))?["Name"] == "Ada")
    }

    @Test(arguments: StoreKind.allCases)
    func rollBackReturnsToTheStartAndTheTransactionGoesOn(store kind: StoreKind) async throws {
        let store = try await kind.makeStore([Self.ada])
        try await store.transaction { transaction in
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Undone"]))
            try await transaction.update(object: "Contact", id: contactID(1), fields: ["Name": "Undone"])
            #expect(transaction.hasChanges)
            try await transaction.rollBack()
            #expect(!transaction.hasChanges)
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Kept"]))
        }
        let accounts = try await store.query(RecordQuery(object: "Account"))
        #expect(accounts.map { $0["Name"] } == ["Kept"])
        #expect(try await store.record(id: contactID(1))?["Name"] == "Ada")
    }

    @Test(arguments: StoreKind.allCases)
    func outsideCommitsFirstAndLetsOthersRunMeanwhile(store kind: StoreKind) async throws {
        let store = try await kind.makeStore([Self.ada])
        try await store.transaction { transaction in
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Before"]))
            try await transaction.outside {
                // Committed already, and the store is free: another transaction runs to its end here.
                #expect(try await store.query(RecordQuery(object: "Account")).map { $0["Name"] } == ["Before"])
                _ = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "Meanwhile"]))
            }
            // A roll back after the callout returns to the new start, not before it.
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Undone"]))
            try await transaction.rollBack()
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "After"]))
        }
        let names = try await store.query(RecordQuery(object: "Account")).map { $0["Name"] }
        #expect(names == ["Before", "Meanwhile", "After"])
    }

    /// Forty transactions race to read a counter and write it plus one: none is lost.
    @Test(arguments: StoreKind.allCases)
    func racingReadModifyWritesLoseNoUpdate(store kind: StoreKind) async throws {
        let store = try await kind.makeStore([Self.ada])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask { try await Self.incrementLogins(in: store) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.record(id: contactID(1))?["Logins"] == 40)
    }

    /// Two stores on one file, as two processes would open it, racing: none is lost either.
    @Test func twoConnectionsToOneFileLoseNoUpdate() async throws {
        let path = temporaryDatabasePath()
        let one = try SQLiteRecordStore(path: path)
        _ = try await one.create(Self.ada)
        let other = try SQLiteRecordStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                let store = index.isMultiple(of: 2) ? one : other
                group.addTask { try await Self.incrementLogins(in: store) }
            }
            try await group.waitForAll()
        }
        #expect(try await other.record(id: contactID(1))?["Logins"] == 30)
    }

    /// A file store's readers see the last commit, never a transaction's uncommitted writes.
    @Test func readersOfAFileDoNotSeeUncommittedWrites() async throws {
        let store = try SQLiteRecordStore(path: temporaryDatabasePath())
        try await store.transaction { transaction in
            _ = try await transaction.create(FlowRecord(objectType: "Account", fields: ["Name": "Pending"]))
            #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
        }
        #expect(try await store.query(RecordQuery(object: "Account")).count == 1)
    }

    /// Using the store itself inside its own transaction would wait for itself: it is an error instead.
    @Test(arguments: [StoreKind.inMemory, .sqlite, .postgres])
    func theStoreUsedInsideItsOwnTransactionIsAnErrorNotAHang(store kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        await #expect(throws: RecordStoreError.self) {
            try await store.transaction { _ in
                _ = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "Inner"]))
            }
        }
    }

    static func incrementLogins(in store: any RecordStore) async throws {
        try await store.transaction { transaction in
            let query = RecordQuery(
                object: "Contact", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(contactID(1)))],
                locking: true)
            let current = try await transaction.query(query).first?["Logins"].numberValue ?? 0
            // Give another transaction every chance to interleave here.
            await Task.yield()
            try await transaction.update(object: "Contact", id: contactID(1), fields: ["Logins": .number(current + 1)])
        }
    }
}
