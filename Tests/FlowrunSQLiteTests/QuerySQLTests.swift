import FlowrunCore
import GRDB
import Testing

@testable import FlowrunSQLite

@Suite("SQLite query compilation: values bound, identifiers made of storage keys, indexes used")
struct QuerySQLTests {
    @Test func valuesAreBoundAndNamesBecomeQuotedStorageKeys() {
        let hostileField = "Name') OR 1=1 --"
        let hostileValue = "x'); DROP TABLE records; --"
        let table = TableInfo(
            objectName: "User' OR '1'='1", fields: [ObjectTables.storageKey(hostileField): hostileField, "name": "Name"])
        let query = RecordQuery(
            object: "User' OR '1'='1",
            filters: [
                RecordFilter(field: hostileField, op: .equalTo, value: .string(hostileValue)),
                RecordFilter(field: "Name", op: .contains, value: "50%_off"),
            ],
            logic: .or([.condition(1), .not(.condition(2))]),
            sort: RecordSort(field: hostileField, ascending: false), limit: 3)
        let compiled = QuerySQL(query, table: table)
        for text in [hostileField, hostileValue, "1=1", "DROP", "User'", "50%_off", "') OR"] {
            #expect(!compiled.sql.contains(text), "\(text) must not be in \(compiled.sql)")
        }
        // Identifiers are storage keys, whose characters cannot end a quoted identifier.
        #expect(compiled.sql.contains(#"FROM "obj_user%27%20or%20%271%27%3D%271""#))
        #expect(compiled.sql.contains(#""name%27%29%20or%201%3D1%20%2D%2D#k""#))
        let bound = compiled.arguments.compactMap { String.fromDatabaseValue($0) }
        #expect(bound.contains(hostileValue.lowercased()))
        #expect(bound.contains("50%_off"))
        #expect(compiled.sql.filter { $0 == "?" }.count == compiled.arguments.count)
    }

    @Test func storageKeysAreLowercaseAndPercentEncoded() {
        #expect(ObjectTables.storageKey("MobilePhone") == "mobilephone")
        #expect(ObjectTables.storageKey("LockedUntil__c") == "lockeduntil__c")
        #expect(ObjectTables.storageKey("We\"ird $") == "we%22ird%20%24")
        #expect(ObjectTables.storageKey("Zoë") == "zo%C3%AB")
        #expect(ObjectTables.keyColumn("zo%C3%AB") == #""zo%C3%AB#k""#)
    }

    /// `EXPLAIN QUERY PLAN` of the queries a login makes: by Id, and by Username (indexed by
    /// default), each one index search, never a scan of the table.
    @Test func lookupsByIdAndIndexedFieldsSearchAnIndex() async throws {
        let store = try SQLiteRecordStore.inMemory()
        for n in 1...50 {
            _ = try await store.create(
                FlowRecord(objectType: "User", fields: ["Username": .string("user\(n)@example.com"), "Title": "Engineer"]))
        }
        let byId = try await store.queryPlan(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: "005000000000007AAA")]))
        #expect(byId.contains { $0.hasPrefix("SEARCH obj_user USING INDEX") }, "\(byId)")
        let byUsername = try await store.queryPlan(
            RecordQuery(object: "user", filters: [RecordFilter(field: "username", op: .equalTo, value: "USER7@example.com")]))
        #expect(byUsername == ["SEARCH obj_user USING INDEX idx_user_username (username#c=? AND username#k=?)"], "\(byUsername)")
        // A field nobody asked to index is scanned, until a flow that filters on it is loaded.
        let byTitle = RecordQuery(object: "User", filters: [RecordFilter(field: "Title", op: .equalTo, value: "Engineer")])
        #expect(try await store.queryPlan(byTitle).contains { $0.hasPrefix("SCAN obj_user") })
        try await store.prepareIndexes(for: [ObjectField(object: "User", field: "Title")])
        #expect(try await store.queryPlan(byTitle).contains { $0.hasPrefix("SEARCH obj_user USING INDEX idx_user_title") })
        #expect(try await store.query(byTitle).count == 50)
    }
}
