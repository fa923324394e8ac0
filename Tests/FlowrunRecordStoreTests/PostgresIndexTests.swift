import FlowrunCore
import Foundation
import PostgresNIO
import Testing

@testable import FlowrunPostgres

/// Look-ups by a field are served by that field's index once there is one (`Username`, `Name`
/// and `Email` from the start, others after `prepareIndexes`), with the same answers as a scan.
@Suite("PostgresRecordStore: field indexes serve look-ups", .temporaryPostgresSchemas)
struct PostgresIndexTests {
    static let userCount = 3000

    /// User i: `user<i>@example.com`, department `dept<i % 500>`, employee number i, active when i is even.
    static func users() -> [FlowRecord] {
        (1...userCount).map { number in
            FlowRecord(
                objectType: "User",
                fields: [
                    "Username": .string("user\(number)@example.com"),
                    "Email": .string("person\(number)@example.com"),
                    "Department__c": .string("dept\(number % 500)"),
                    "EmployeeNumber__c": .number(Decimal(number)),
                    "IsActive": .boolean(number.isMultiple(of: 2)),
                ])
        }
    }

    /// A fresh store holding the users (and a few Accounts beside them), with fresh statistics.
    static func loadedStore() async throws -> PostgresRecordStore {
        let store = try await TestPostgres.makeStore()
        let ids = try await store.transaction { try await $0.createAll(users()) }
        #expect(ids.count == userCount)
        _ = try await store.transaction { transaction in
            try await transaction.createAll(
                (1...20).map { FlowRecord(objectType: "Account", fields: ["Name": .string("Acme \($0)")]) })
        }
        try await analyze(store)
        return store
    }

    static func analyze(_ store: PostgresRecordStore) async throws {
        try await TestPostgres.client.query(PostgresQuery(unsafeSQL: "ANALYZE \(store.schema.quoted).records"))
    }

    static func equal(_ field: String, _ value: FlowValue) -> RecordQuery {
        RecordQuery(object: "User", filters: [RecordFilter(field: field, op: .equalTo, value: value)])
    }

    static func usernames(_ records: [FlowRecord]) -> [FlowValue?] { records.map { $0["Username"] } }

    @Test func aLookUpByUsernameUsesItsIndexFromTheStart() async throws {
        let store = try await Self.loadedStore()
        // Text compares ignoring case, as SOQL's does, and still through the index.
        let query = Self.equal("Username", "USER1234@Example.com")
        let plan = try await store.queryPlan(query)
        print("EXPLAIN Username =\n" + plan.joined(separator: "\n"))
        #expect(plan.contains { $0.contains("records_by_field_username") })
        #expect(!plan.contains { $0.contains("Seq Scan") })
        #expect(try await store.servingPlan(for: query) == "index records_by_field_username")
        #expect(Self.usernames(try await store.query(query)) == ["user1234@example.com"])
        // The same through a transaction (`--trace` inside a flow's transaction).
        let served = try await store.transaction { try await $0.servingPlan(for: query) }
        #expect(served == "index records_by_field_username")

        let email = Self.equal("email", "person42@example.com")
        #expect(try await store.servingPlan(for: email) == "index records_by_field_email")
        #expect(Self.usernames(try await store.query(email)) == ["user42@example.com"])
    }

    @Test func anUnindexedFieldIsScannedUntilItIsIndexed() async throws {
        let store = try await Self.loadedStore()
        let query = Self.equal("Department__c", "DEPT7")
        let expected: [FlowValue?] = stride(from: 7, through: Self.userCount, by: 500).map { .string("user\($0)@example.com") }
        #expect(expected.count == 6)

        let before = try await store.queryPlan(query)
        print("EXPLAIN Department__c = before prepareIndexes\n" + before.joined(separator: "\n"))
        #expect(before.contains { $0.contains("Seq Scan") })
        #expect(!before.contains { $0.contains("records_by_field_department__c") })
        #expect(try await store.servingPlan(for: query) == "scan of records")
        #expect(Self.usernames(try await store.query(query)) == expected)

        try await store.prepareIndexes(for: [
            ObjectField(object: "User", field: "Department__c"), ObjectField(object: "User", field: "EmployeeNumber__c"),
        ])
        // Twice is the same as once.
        try await store.prepareIndexes(for: [ObjectField(object: "user", field: "department__C")])
        try await Self.analyze(store)

        let after = try await store.queryPlan(query)
        print("EXPLAIN Department__c = after prepareIndexes\n" + after.joined(separator: "\n"))
        #expect(after.contains { $0.contains("records_by_field_department__c") })
        #expect(!after.contains { $0.contains("Seq Scan") })
        #expect(try await store.servingPlan(for: query) == "index records_by_field_department__c")
        #expect(Self.usernames(try await store.query(query)) == expected)

        // A number is served by the field's jsonb index, which holds no text.
        let number = Self.equal("EmployeeNumber__c", 2345)
        let numberPlan = try await store.queryPlan(number)
        print("EXPLAIN EmployeeNumber__c = 2345\n" + numberPlan.joined(separator: "\n"))
        #expect(try await store.servingPlan(for: number) == "index records_by_field_employeenumber__c__json")
        #expect(Self.usernames(try await store.query(number)) == ["user2345@example.com"])
    }

    @Test func negationsAndLogicKeepTheirAnswersBesideTheIndexes() async throws {
        let store = try await Self.loadedStore()
        try await store.prepareIndexes(for: [ObjectField(object: "User", field: "Department__c")])
        try await Self.analyze(store)
        let filters = [
            RecordFilter(field: "Department__c", op: .equalTo, value: "dept7"),
            RecordFilter(field: "Username", op: .equalTo, value: "user507@example.com"),
            RecordFilter(field: "Nickname__c", op: .equalTo, value: "nobody"),
        ]
        // 1 AND NOT 2: the null Nickname__c under NOT must not drop rows.
        let notSecond = RecordQuery(object: "User", filters: filters, logic: .and([.condition(1), .not(.condition(2))]))
        #expect(
            Self.usernames(try await store.query(notSecond))
                == [7, 1007, 1507, 2007, 2507].map { .string("user\($0)@example.com") })
        let notThird = RecordQuery(object: "User", filters: filters, logic: .and([.condition(1), .not(.condition(3))]))
        #expect(try await store.query(notThird).count == 6)
        // 2 OR 3: an OR of an indexed field and a missing one.
        let either = RecordQuery(object: "User", filters: filters, logic: .or([.condition(2), .condition(3)]))
        #expect(Self.usernames(try await store.query(either)) == ["user507@example.com"])
        let notEqual = RecordQuery(
            object: "User", filters: [RecordFilter(field: "Nickname__c", op: .notEqualTo, value: "nobody")])
        #expect(try await store.query(notEqual).count == Self.userCount)
    }

    @Test func onlyPlainKeysAreWrittenIntoTheSQL() {
        #expect(PostgresStoredFields.literalKey("department__c") == "'department__c'")
        #expect(PostgresStoredFields.literalKey("odd%20name") == "'odd%20name'")
        #expect(PostgresStoredFields.literalKey("it's") == nil)
        #expect(PostgresStoredFields.literalKey("naïve") == nil)
        #expect(PostgresStoredFields.literalKey("") == nil)
        let compiled = PostgresQuerySQL(
            RecordQuery(
                object: "User",
                filters: [
                    RecordFilter(field: "Username", op: .equalTo, value: "a"),
                    RecordFilter(field: "It's", op: .equalTo, value: "b"),
                ]), table: "t", locking: false)
        #expect(compiled.sql.contains("(fields -> 'username' ->> 'c')::int"))
        #expect(!compiled.sql.contains("it's"))
        #expect(!compiled.sql.contains("COALESCE"))
        let long = String(repeating: "x", count: 80) + "__c"
        let name = PostgresStoredFields.indexName(long, json: true)
        #expect(name.utf8.count <= 63)
        #expect(name.hasSuffix("__json"))
        #expect(name != PostgresStoredFields.indexName(String(repeating: "x", count: 81) + "__c", json: true))
    }
}
