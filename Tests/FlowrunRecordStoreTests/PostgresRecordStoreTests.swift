import FlowrunCore
import Foundation
import PostgresNIO
import Testing

@testable import FlowrunPostgres

@Suite("PostgresRecordStore: storage, schema, fixtures, errors", .temporaryPostgresSchemas)
struct PostgresRecordStoreTests {
    /// Every kind of value a field can hold, as the store must give it back.
    static let typedValues: [(field: String, value: FlowValue)] = [
        ("Text__c", "Ada \"quoted\" / ünïcode"),
        ("Tenth__c", .number(Decimal(string: "0.1") ?? 0)),
        ("Big__c", .number(Decimal(string: "12345678901234567890.123") ?? 0)),
        ("Negative__c", .number(Decimal(string: "-0.000001") ?? 0)),
        ("Flag__c", true),
        ("Day__c", .date(LocalDate(year: 2024, month: 2, day: 29))),
        ("When__c", .dateTime(instant("2024-05-01T09:30:15.250Z"))),
        ("At__c", .time(TimeOfDay(hour: 23, minute: 59, second: 58, millisecond: 7))),
        ("Nothing__c", .null),
        ("Empty__c", ""),
        ("List__c", .collection([1, "two", .null])),
    ]

    @Test(arguments: PostgresRecordStoreTests.typedValues)
    func valuesRoundTripByType(_ entry: (field: String, value: FlowValue)) async throws {
        let store = try await TestPostgres.makeStore()
        let id = try await store.create(FlowRecord(objectType: "Thing__c", fields: [entry.field: entry.value]))
        let record = try #require(try await store.query(RecordQuery(object: "Thing__c")).first)
        #expect(record[entry.field] == entry.value)
        #expect(record.fields.keys.sorted() == [entry.field, "Id"].sorted())
        #expect(record.id == id)
        #expect(id == RecordID.make(object: "Thing__c", sequence: 1))
    }

    @Test func openLoadsTheFixtureOnlyIntoAnEmptySchema() async throws {
        let fixture = try RecordFixture(data: Data(#"{"Account": [{"Name": "Acme"}, {"Name": "Globex"}]}"#.utf8))
        let schema = try TestPostgres.freshSchema()
        _ = try await TestPostgres.makeStore(schema: schema)
        let first = try await PostgresRecordStore.open(client: TestPostgres.client, schema: schema, fixture: fixture)
        #expect(try await first.recordCount() == 2)
        let second = try await PostgresRecordStore.open(client: TestPostgres.client, schema: schema, fixture: fixture)
        #expect(try await second.recordCount(object: "account") == 2)
        let names = try await second.query(RecordQuery(object: "Account")).map { $0["Name"] }
        #expect(names == ["Acme", "Globex"])
    }

    @Test func aFixtureTheStoreRefusesNamesTheRecord() async throws {
        // The Account is loaded first and numbered 1, the Id the Contact carries.
        let fixture = try RecordFixture(
            data: Data(#"{"Account": [{"Name": "Acme"}], "Contact": [{"Id": "001000000000001AAA"}]}"#.utf8),
            source: "clash.json")
        let schema = try TestPostgres.freshSchema()
        _ = try await TestPostgres.makeStore(schema: schema)
        let error = await #expect(throws: RecordFixtureError.self) {
            try await PostgresRecordStore.open(client: TestPostgres.client, schema: schema, fixture: fixture)
        }
        #expect(
            error?.description
                == "clash.json: \"Contact\" record 1 (index 0) could not be loaded: cannot create Contact record "
                + "001000000000001AAA: a record with that Id already exists")
        // The load is one transaction: nothing of it was kept.
        #expect(try await PostgresRecordStore(client: TestPostgres.client, schema: schema).recordCount() == 0)
    }

    @Test func prepareTwiceIsHarmlessAndNumberingGoesOn() async throws {
        let store = try await TestPostgres.makeStore()
        let first = try await store.create(FlowRecord(objectType: "User", fields: ["Name": "Ada"]))
        try await store.prepare()
        let again = PostgresRecordStore(client: TestPostgres.client, schema: store.schema)
        try await again.prepare()
        let second = try await again.create(FlowRecord(objectType: "User", fields: ["Name": "Grace"]))
        #expect(first == "005000000000001AAA")
        #expect(second == "005000000000002AAA")
        #expect(try await again.query(RecordQuery(object: "user")).map { $0["Name"] } == ["Ada", "Grace"])
    }

    @Test func hostileFieldNamesAreStoredAndFoundAsPlainNames() async throws {
        let store = try await TestPostgres.makeStore()
        let hostile = "Name') OR 1=1 --"
        let quoted = "We\"ird.$[0]"
        _ = try await store.create(FlowRecord(objectType: "Lead", fields: ["Name": "Ada", hostile: "x", quoted: "y"]))
        _ = try await store.create(FlowRecord(objectType: "Lead", fields: ["Name": "Grace"]))
        let byHostile = try await store.query(
            RecordQuery(object: "Lead", filters: [RecordFilter(field: hostile, op: .equalTo, value: "x")]))
        #expect(byHostile.map { $0["Name"] } == ["Ada"])
        let byQuoted = try await store.query(
            RecordQuery(
                object: "Lead", filters: [RecordFilter(field: quoted, op: .equalTo, value: "Y")],
                sort: RecordSort(field: quoted, ascending: true)))
        #expect(byQuoted.map { $0["Name"] } == ["Ada"])
        #expect(byQuoted.first?[hostile] == "x")
        #expect(try await store.recordCount(object: "Lead") == 2)
    }

    @Test func manyInItemsAndIdsInOneStatement() async throws {
        let store = try await TestPostgres.makeStore()
        for index in 0..<5 {
            _ = try await store.create(FlowRecord(objectType: "Case", fields: ["Number__c": .number(Decimal(index))]))
        }
        let items = (0..<3000).map { FlowValue.string(String($0 * 2)) }
        let query = RecordQuery(
            object: "Case", filters: [RecordFilter(field: "Number__c", op: .in, value: .collection(items))])
        #expect(try await store.query(query).map { $0["Number__c"] } == [0, 2, 4])
        let all = try await store.query(RecordQuery(object: "Case"))
        #expect(try await store.delete(object: "Case", ids: all.compactMap(\.id) + (0..<1200).map { "x\($0)" }) == 5)
    }

    @Test func hostileNamesAndValuesAreBoundNeverSpliced() throws {
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
        let compiled = PostgresQuerySQL(query, table: "\"s\".records", locking: true)
        for text in [hostileField, hostileValue, "1=1", "DROP", "User'", "50%_off", "name')"] {
            #expect(!compiled.sql.contains(text), "\(text) must not be in \(compiled.sql)")
        }
        // A plain key is written as a literal, so field indexes can match it (`literalKey`).
        #expect(compiled.sql.contains("fields -> 'name' ->> 'k'"))
        #expect(compiled.sql.hasPrefix("SELECT id, object, fields::text FROM \"s\".records WHERE lower(object) = lower($1) AND "))
        #expect(compiled.sql.hasSuffix(" LIMIT $5 FOR UPDATE"))
        // The object, the hostile field's key (not plain, so bound), the value (text only: it
        // reads as no number or date), the needle and the limit: each distinct value bound once.
        #expect(compiled.bindings.count == 5)
    }

    @Test(arguments: ["flowrun", "flowrun_test_0a", "_x", String(repeating: "a", count: 63)])
    func plainIdentifiersAreSchemaNames(_ name: String) throws {
        #expect(try PostgresSchemaName(name).quoted == "\"\(name)\"")
    }

    @Test(arguments: ["", "Flowrun", "1abc", "a-b", "a\"b", "pg_temp", "a b", String(repeating: "a", count: 64)])
    func otherNamesAreRefused(_ name: String) {
        #expect(throws: PostgresSchemaNameError(name: name)) { try PostgresSchemaName(name) }
    }

    @Test func theURLGivesItsPartsAndSchemaAndNeverShowsThePassword() throws {
        let url = try PostgresDatabaseURL("postgres://ada:s3cret@db.example:6543/records?schema=tenant_1")
        #expect(url.place == "ada@db.example:6543/records")
        #expect(url.schema.name == "tenant_1")
        #expect(try PostgresDatabaseURL("postgresql://ada@db.example/records").schema == .standard)
        for bad in ["mysql://ada:s3cret@db/x", "postgres://:s3cret@db/x", "postgres://ada:s3cret@db/x?sslmode=require"] {
            let error = #expect(throws: PostgresURLError.self) { try PostgresDatabaseURL(bad) }
            #expect(error?.description.contains("s3cret") == false)
        }
        let schema = #expect(throws: PostgresURLError.self) {
            try PostgresDatabaseURL("postgres://ada:s3cret@db/x?schema=Robert'); DROP")
        }
        #expect(schema?.description.hasPrefix("the PostgreSQL URL's schema: ") == true)
    }

    @Test func anUnreachableServerIsAClearErrorWithoutThePassword() async throws {
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        let url = try PostgresDatabaseURL("postgres://ada:s3cret@127.0.0.1:1/records")
        let error = await #expect(throws: PostgresURLError.self) { try await url.checkConnection() }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("cannot use the PostgreSQL database ada@127.0.0.1:1/records: connectionError"))
        #expect(!text.contains("s3cret"))
    }

    @Test func aWrongPasswordIsTheServersMessage() async throws {
        var parts = try #require(URLComponents(string: TestPostgres.url))
        parts.password = "wrong-password"
        let url = try PostgresDatabaseURL(try #require(parts.string))
        let error = await #expect(throws: PostgresURLError.self) { try await url.checkConnection() }
        let text = error?.description ?? ""
        #expect(text.contains("password authentication failed for user"))
        #expect(!text.contains("wrong-password"))
    }
}
