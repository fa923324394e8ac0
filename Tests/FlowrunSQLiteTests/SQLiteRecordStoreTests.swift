import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// A database file path no other test uses, removed (with SQLite's side files) by `remove()`.
struct TemporaryDatabase {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("flowrun-records-\(UUID().uuidString).sqlite").path

    func remove() {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

@Suite("SQLiteRecordStore: storage, persistence, errors")
struct SQLiteRecordStoreTests {
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

    @Test(arguments: SQLiteRecordStoreTests.typedValues)
    func valuesRoundTripByType(_ entry: (field: String, value: FlowValue)) async throws {
        let store = try SQLiteRecordStore.inMemory()
        let id = try await store.create(FlowRecord(objectType: "Thing__c", fields: [entry.field: entry.value]))
        let record = try #require(try await store.query(RecordQuery(object: "Thing__c")).first)
        #expect(record[entry.field] == entry.value)
        // A null field reads as null; the typed tables keep no difference between a field set to
        // null and one never set, as Salesforce keeps none.
        let expectedFields = entry.value == .null ? ["Id"] : [entry.field, "Id"].sorted()
        #expect(record.fields.keys.sorted() == expectedFields)
        #expect(record.id == id)
    }

    @Test func decimalTenthStaysExactAndDateStaysDate() async throws {
        let store = try SQLiteRecordStore.inMemory()
        let tenth = Decimal(string: "0.1") ?? 0
        _ = try await store.create(
            FlowRecord(
                objectType: "Invoice__c",
                fields: ["Amount__c": .number(tenth), "Due__c": .date(LocalDate(year: 2024, month: 5, day: 1))]))
        let record = try #require(try await store.query(RecordQuery(object: "Invoice__c")).first)
        #expect(record["Amount__c"].numberValue == tenth)
        #expect(record["Amount__c"].numberValue?.description == "0.1")
        guard case .date(let due) = record["Due__c"] else {
            Issue.record("Due__c came back as \(record["Due__c"].kindName)")
            return
        }
        #expect(due == LocalDate(year: 2024, month: 5, day: 1))
    }

    @Test func fileBackedStorePersistsAcrossReopen() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let id: String
        do {
            let store = try SQLiteRecordStore(path: file.path)
            id = try await store.create(
                FlowRecord(objectType: "User", fields: ["Name": "Ada", "MobilePhone": "+15555550100"]))
            try await store.update(object: "User", id: id, fields: ["FailedCodeCount__c": 2])
        }
        let reopened = try SQLiteRecordStore(path: file.path)
        let users = try await reopened.query(RecordQuery(object: "user"))
        #expect(users.count == 1)
        #expect(users.first?.id == id)
        #expect(users.first?["failedCodeCount__c"] == 2)
        #expect(users.first?["MobilePhone"] == "+15555550100")
        // Numbering goes on after the reopen: no Id is handed out twice.
        let next = try await reopened.create(FlowRecord(objectType: "User", fields: ["Name": "Grace"]))
        #expect(next != id)
        #expect(try await reopened.recordCount(object: "User") == 2)
    }

    @Test func openLoadsTheFixtureOnlyIntoAnEmptyDatabase() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let fixture = try RecordFixture(data: Data(#"{"Account": [{"Name": "Acme"}, {"Name": "Globex"}]}"#.utf8))
        let first = try await SQLiteRecordStore.open(path: file.path, fixture: fixture)
        #expect(try await first.recordCount() == 2)
        let second = try await SQLiteRecordStore.open(path: file.path, fixture: fixture)
        #expect(try await second.recordCount(object: "account") == 2)
        let inMemory = try await SQLiteRecordStore.open(path: nil, fixture: fixture)
        #expect(try await inMemory.recordCount() == 2)
    }

    @Test func aFileThatIsNotADatabaseIsAStorageError() throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        try Data("this is not SQLite, just text that is long enough to have a header".utf8).write(
            to: URL(fileURLWithPath: file.path))
        let error = #expect(throws: RecordStoreError.self) { try SQLiteRecordStore(path: file.path) }
        #expect(error?.code == .storage)
        #expect(error?.message.contains(file.path) == true)
    }

    @Test func aPathInAMissingFolderIsAStorageError() {
        let path = "/nonexistent-\(UUID().uuidString)/records.sqlite"
        let error = #expect(throws: RecordStoreError.self) { try SQLiteRecordStore(path: path) }
        #expect(error?.code == .storage)
    }

    @Test func hostileFieldNamesAreStoredAndFoundAsPlainNames() async throws {
        let store = try SQLiteRecordStore.inMemory()
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
        // The table is still there and whole.
        #expect(try await store.recordCount(object: "Lead") == 2)
    }

    @Test func manyInItemsStayWithinSQLiteLimits() async throws {
        let store = try SQLiteRecordStore.inMemory()
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
}
