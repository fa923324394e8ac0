import FlowrunCore
import GRDB
import Testing

@testable import FlowrunSQLite

@Suite("SQLite query texts cached per shape: new values bind to the old text, a value that changes the text does not")
struct QueryTextCacheTests {
    let table = TableInfo(objectName: "User", fields: ["name": "Name", "age": "Age", "active": "Active"])

    @Test func aRepeatedShapeReusesItsTextWithTheNewValues() {
        let cache = QueryTextCache()
        let ada = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .equalTo, value: "Ada")], limit: 1),
            table: table, cache: cache)
        let bob = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .equalTo, value: "Bob")], limit: 5),
            table: table, cache: cache)
        #expect(bob.sql == ada.sql)
        #expect(bob.sql.contains(#""name#k" IN (?)"#))
        #expect(bob.columns.map(\.key) == ["active", "age", "name"])
        let bound = bob.arguments.compactMap { String.fromDatabaseValue($0) }
        #expect(bound.contains("bob") && !bound.contains("ada"))
        #expect(bob.arguments.last == 5.databaseValue)
    }

    @Test func valuesThatChangeTheTextMakeAnotherShape() {
        let cache = QueryTextCache()
        let plain = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .in, value: .collection(["a"]))]),
            table: table, cache: cache)
        let withNull = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .in, value: .collection(["a", .null]))]),
            table: table, cache: cache)
        #expect(!plain.sql.contains("IS NULL"))
        #expect(withNull.sql.contains(#""name#c" IS NULL"#))
        let empty = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .contains, value: "")]),
            table: table, cache: cache)
        let needle = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .contains, value: "da")]),
            table: table, cache: cache)
        #expect(!empty.sql.contains("instr"))
        #expect(needle.sql.contains("instr"))
        let null = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Age", op: .isNull, value: true)]),
            table: table, cache: cache)
        let notNull = QuerySQL.compiled(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Age", op: .isNull, value: false)]),
            table: table, cache: cache)
        #expect(null.sql.contains(" IS NULL"))
        #expect(notNull.sql.contains(" IS NOT NULL"))
    }

    @Test func aWiderTableIsAnotherShape() {
        let cache = QueryTextCache()
        let query = RecordQuery(object: "User", filters: [RecordFilter(field: "Name", op: .equalTo, value: "Ada")])
        let before = QuerySQL.compiled(query, table: table, cache: cache)
        var wider = table
        wider.fields["email"] = "Email"
        let after = QuerySQL.compiled(query, table: wider, cache: cache)
        #expect(!before.sql.contains(#""email""#))
        #expect(after.sql.contains(#""email", "email#c""#))
    }
}
