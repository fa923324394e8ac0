import FlowrunCore
import Foundation
import GRDB
import Testing

@testable import FlowrunSQLite

/// A database written by an earlier flowrun (every record as JSON in one table) opens with its
/// records moved into the typed tables, values and spellings intact.
@Suite struct SchemaMigrationTests {
    @Test func aVersionOneDatabaseIsMovedToTypedTables() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1: records')")
            try db.execute(
                sql: """
                    CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
                        object TEXT NOT NULL COLLATE NOCASE, fields TEXT NOT NULL)
                    """)
            try db.execute(sql: "CREATE INDEX records_by_object ON records (object, seq)")
            // As flowrun 0.x stored them: name, typed value, class and key per field.
            try db.execute(
                sql: "INSERT INTO records (id, object, fields) VALUES (?, 'User', ?)",
                arguments: [
                    "005000000000001AAA",
                    #"{"mobilephone":{"n":"MobilePhone","v":{"type":"string","value":"+15555550100"},"c":5,"k":"+15555550100"},"twofactorfailures__c":{"n":"TwoFactorFailures__c","v":{"type":"number","value":2},"c":2,"k":2},"twofactorlockeduntil__c":{"n":"TwoFactorLockedUntil__c","v":{"type":"dateTime","value":"2024-05-01T09:45:00.000Z"},"c":3,"k":1714556700000}}"#,
                ])
            try db.execute(
                sql: "INSERT INTO records (id, object, fields) VALUES (?, 'Account', ?)",
                arguments: ["001000000000002AAA", #"{"name":{"n":"Name","v":{"type":"string","value":"Acme"},"c":5,"k":"acme"}}"#])
        }
        try queue.close()

        let store = try SQLiteRecordStore(path: path)
        let user = try #require(try await store.record(id: "005000000000001AAA"))
        #expect(user.objectType == "User")
        #expect(user["MobilePhone"] == "+15555550100")
        #expect(user["TwoFactorFailures__c"] == 2)
        #expect(user["TwoFactorLockedUntil__c"] == .dateTime(Date(isoText: "2024-05-01T09:45:00Z") ?? .distantPast))
        let found = try await store.query(
            RecordQuery(object: "Account", filters: [RecordFilter(field: "Name", op: .equalTo, value: "ACME")]))
        #expect(found.map(\.id) == ["001000000000002AAA"])
        // New Ids continue after the old ones.
        let next = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "Initech"]))
        #expect(next == RecordID.make(object: "Account", sequence: 3))
    }
}
