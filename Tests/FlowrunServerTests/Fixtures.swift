import FlowrunCore
import FlowrunSQLite
import Foundation

enum SQLiteRecordStoreFixture {
    /// The project's demo records in a fresh in-memory database.
    static func demo() async throws -> SQLiteRecordStore {
        let fixture = try RecordFixture.load(contentsOf: TestServer.root.appendingPathComponent("flows/data/demo-records.json"))
        return try await SQLiteRecordStore.open(path: nil, fixture: fixture)
    }
}

enum SQLiteInterviewStoreFixture {
    static func memory() throws -> SQLiteInterviewStore { try SQLiteInterviewStore() }
}
