import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import Testing

/// The stores every shared test runs against: all must give the same answers.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `sqliteFile` is a database file in WAL mode, read through a pool of readers; `sqlite` is
    /// one connection in memory; `postgres` is a fresh schema on the test server (see
    /// `TestPostgres`), dropped after the test by suites marked `.temporaryPostgresSchemas`.
    case inMemory, sqlite, sqliteFile, postgres

    var testDescription: String { rawValue }

    func makeStore(_ records: [FlowRecord] = []) async throws -> any RecordStore {
        let store: any RecordStore =
            switch self {
            case .inMemory: InMemoryRecordStore()
            case .sqlite: try SQLiteRecordStore.inMemory()
            case .sqliteFile: try SQLiteRecordStore(path: temporaryDatabasePath())
            case .postgres: try await TestPostgres.makeStore()
            }
        for record in records { _ = try await store.create(record) }
        return store
    }
}

/// `003` + twelve digits ending in `n` + `AAA`: a Contact Id that is easy to read in expectations.
func contactID(_ n: Int) -> String {
    "003" + String(repeating: "0", count: 11) + String(n) + "AAA"
}

func instant(_ text: String) -> Date { Date(isoText: text) ?? .distantPast }

/// Five Contacts covering every kind of value, null, empty text and a missing field.
let seedContacts: [FlowRecord] = [
    FlowRecord(
        objectType: "Contact",
        fields: [
            "Id": .string(contactID(1)), "Name": "Ada Lovelace", "Email": "ADA@example.com", "Age": 36,
            "Score": .number(Decimal(string: "0.1") ?? 0), "Active": true,
            "Born": .date(LocalDate(year: 1815, month: 12, day: 10)),
            "LastLogin": .dateTime(instant("2024-05-01T09:30:00Z")), "Phone": "+15555550100", "City": "London",
            "Shift": .time(TimeOfDay(hour: 9, minute: 0)),
        ]),
    FlowRecord(
        objectType: "Contact",
        fields: [
            "Id": .string(contactID(2)), "Name": "Grace Hopper", "Email": "grace@example.com", "Age": 85,
            "Score": .number(Decimal(string: "2.5") ?? 0), "Active": false,
            "Born": .date(LocalDate(year: 1906, month: 12, day: 9)),
            "LastLogin": .dateTime(instant("2024-04-01T08:00:00Z")), "Phone": .null, "City": "New York",
            "Shift": .time(TimeOfDay(hour: 17, minute: 30)),
        ]),
    FlowRecord(
        objectType: "Contact",
        fields: [
            "Id": .string(contactID(3)), "Name": "alan turing", "Email": "alan@example.com", "Age": 41,
            "Score": -1, "Active": true, "Born": .date(LocalDate(year: 1912, month: 6, day: 23)),
            "LastLogin": .null, "Phone": "", "City": "london",
        ]),
    FlowRecord(
        objectType: "Contact",
        fields: [
            "Id": .string(contactID(4)), "Name": "Katherine Johnson", "Email": .null, "Score": 10,
            "LastLogin": .dateTime(instant("2024-05-01T00:00:00Z")), "Phone": "+15555550177",
            "City": "White Sulphur Springs",
        ]),
    FlowRecord(
        objectType: "Contact",
        fields: [
            "Id": .string(contactID(5)), "Name": "Zoë Ünal", "Email": "zoe@example.org", "Age": 9, "Score": 100,
            "Active": false, "Phone": "+15555550199", "City": .null,
        ]),
]

/// The ids of `records`, as the numbers `contactID` was given.
func numbers(_ records: [FlowRecord]) -> [Int] {
    records.compactMap { record in
        (1...9).first { contactID($0) == record.id }
    }
}

/// A new database file's path in the temporary folder.
func temporaryDatabasePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-records-\(UUID().uuidString).sqlite").path
}
