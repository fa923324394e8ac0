import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import PostgresNIO

/// Where `flowrun test` keeps each case's records: a store of its own per case, so cases that run
/// side by side never see each other's records.
enum FlowTestRecords: Sendable {
    /// SQLite in memory, gone with the case.
    case inMemory
    /// A fresh schema per case (`flowrun_case_…`) in PostgreSQL, dropped when the case ends: the
    /// flows' queries and transactions run on PostgreSQL, as under `flowrun serve` with it.
    case postgres(PostgresClient)

    /// Runs `body` with a new store loaded from `fixture`, and removes the store after.
    func withStore<T>(fixture: RecordFixture?, _ body: (any RecordStore) async throws -> T) async throws -> T {
        switch self {
        case .inMemory:
            return try await body(try await SQLiteRecordStore.open(path: nil, fixture: fixture))
        case .postgres(let client):
            let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let schema = try PostgresSchemaName("flowrun_case_" + hex)
            let result: Result<T, any Error>
            do {
                let store = try await PostgresRecordStore.open(client: client, schema: schema, fixture: fixture)
                result = .success(try await body(store))
            } catch {
                result = .failure(error)
            }
            // Dropped whether the case passed, failed or could not load its records.
            try await PostgresRecordStore(client: client, schema: schema).dropSchema()
            return try result.get()
        }
    }
}
