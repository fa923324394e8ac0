import FlowrunCore
import Foundation
import Testing

@Suite("InMemoryRecordStore and the reference filter semantics")
struct InMemoryRecordStoreTests {
    static let ada = FlowRecord(
        objectType: "User",
        fields: ["Id": "005000000000001AAA", "Name": "Ada Lovelace", "MobilePhone": "+15555550100", "Phone": .null])

    @Test(arguments: [
        (RecordFilter(field: "mobilephone", op: .equalTo, value: "+15555550100"), true),
        (RecordFilter(field: "NAME", op: .equalTo, value: "ADA LOVELACE"), true),
        (RecordFilter(field: "Name", op: .notEqualTo, value: "ada lovelace"), false),
        (RecordFilter(field: "Phone", op: .equalTo, value: .null), true),
        (RecordFilter(field: "Phone", op: .isNull, value: true), true),
        (RecordFilter(field: "MobilePhone", op: .isNull, value: false), true),
        (RecordFilter(field: "Missing__c", op: .isNull, value: true), true),
        (RecordFilter(field: "Name", op: .startsWith, value: "ada "), true),
        (RecordFilter(field: "Name", op: .endsWith, value: "LACE"), true),
        (RecordFilter(field: "Name", op: .contains, value: "love"), true),
        (RecordFilter(field: "Name", op: .contains, value: "hopper"), false),
        (RecordFilter(field: "Name", op: .in, value: .collection(["Grace Hopper", "ada lovelace"])), true),
        (RecordFilter(field: "Name", op: .notIn, value: .collection(["ada lovelace"])), false),
        (RecordFilter(field: "Phone", op: .greaterThan, value: "+1"), false),  // null never orders
    ])
    func singleFilter(_ filter: RecordFilter, _ expected: Bool) {
        #expect(filter.matches(Self.ada) == expected)
    }

    @Test func initWithRecordsAndCount() throws {
        let store = try InMemoryRecordStore(records: [
            Self.ada, FlowRecord(objectType: "user", fields: ["Name": "Grace"]),
        ])
        #expect(store.recordCount(object: "USER") == 2)
        #expect(store.recordCount(object: "Account") == 0)
    }

    @Test func queryFiltersSortsLimitsAndProjects() async throws {
        let store = InMemoryRecordStore()
        for (name, age) in [("Ada", 36), ("Grace", 85), ("Alan", 41)] {
            _ = try await store.create(
                FlowRecord(objectType: "Contact", fields: ["Name": .string(name), "Age": .number(Decimal(age))]))
        }
        _ = try await store.create(FlowRecord(objectType: "Contact", fields: ["Name": "Katherine"]))
        let query = RecordQuery(
            object: "Contact", filters: [RecordFilter(field: "Name", op: .notEqualTo, value: "grace")],
            fields: ["Age"], sort: RecordSort(field: "Age", ascending: true), limit: 3)
        let records = try await store.query(query)
        #expect(records.map { $0["Age"] } == [.null, 36, 41])
        #expect(records.allSatisfy { $0.id?.hasPrefix("003") == true && !$0.hasField("Name") })
    }

    @Test func storedRecordsAreCopiesTheCallerCannotChange() async throws {
        let store = InMemoryRecordStore()
        var record = FlowRecord(objectType: "Account", fields: ["Name": "Acme"])
        let id = try await store.create(record)
        record["Name"] = "Changed"
        #expect(try await store.query(RecordQuery(object: "Account")).first?["Name"] == "Acme")
        #expect(record.id == nil)
        try await store.update(object: "Account", id: id, fields: ["Industry": "Energy"])
        let stored = try #require(try await store.query(RecordQuery(object: "Account")).first)
        #expect(stored.fields == ["Id": .string(id), "Name": "Acme", "Industry": "Energy"])
    }

    @Test func anIdWrittenInAnotherCaseIsStoredAsId() async throws {
        let store = InMemoryRecordStore()
        let id = try await store.create(
            FlowRecord(objectType: "Lead", fields: ["ID": "00Q000000000001AAA", "Name": "x"]))
        let record = try #require(try await store.query(RecordQuery(object: "Lead")).first)
        #expect(id == "00Q000000000001AAA")
        #expect(record.storedName(of: "id") == "Id")
    }
}
