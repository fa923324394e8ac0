import FlowrunCore
import GRDB
import Testing

@testable import FlowrunSQLite

@Suite("SQLite query compilation: parameters only")
struct QuerySQLTests {
    @Test func fieldNamesAndValuesAreBoundNeverSpliced() {
        let hostileField = "Name') OR 1=1 --"
        let hostileValue = "x'); DROP TABLE records; --"
        let query = RecordQuery(
            object: "User' OR '1'='1",
            filters: [
                RecordFilter(field: hostileField, op: .equalTo, value: .string(hostileValue)),
                RecordFilter(field: "Name", op: .contains, value: "50%_off"),
            ],
            logic: .or([.condition(1), .not(.condition(2))]),
            sort: RecordSort(field: hostileField, ascending: false), limit: 3)
        let compiled = QuerySQL(query)
        for text in [hostileField, hostileValue, "1=1", "DROP", "User'", "50%_off", "name"] {
            #expect(!compiled.sql.contains(text), "\(text) must not be in \(compiled.sql)")
        }
        let bound = compiled.arguments.compactMap { String.fromDatabaseValue($0) }
        #expect(bound.contains("User' OR '1'='1"))
        #expect(bound.contains(#"$."name%27%29%20or%201%3D1%20%2D%2D".c"#))
        #expect(bound.contains(hostileValue.lowercased()))
        #expect(bound.contains("50%_off"))
        #expect(compiled.sql.filter { $0 == "?" }.count == compiled.arguments.count)
    }

    @Test func storageKeysAreLowercaseAndPercentEncoded() {
        #expect(StoredFields.storageKey("MobilePhone") == "mobilephone")
        #expect(StoredFields.storageKey("LockedUntil__c") == "lockeduntil__c")
        #expect(StoredFields.storageKey("We\"ird $") == "we%22ird%20%24")
        #expect(StoredFields.path("Zoë", "k") == #"$."zo%C3%AB".k"#)
    }
}
