import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// The interview store keeps, replaces and removes interviews, in a file that outlives the store.
@Suite struct SQLiteInterviewStoreTests {
    private func sample(_ id: String, owner: String = "web:one", state: String = #"{"a":1}"#) -> StoredInterview {
        StoredInterview(
            id: id, owner: owner, flowName: "sms2fa", state: Data(state.utf8),
            updatedAt: Date(timeIntervalSince1970: 1_714_555_800))
    }

    @Test func savesReplacesAndDeletes() async throws {
        let store = try SQLiteInterviewStore()
        #expect(try await store.load(id: "missing") == nil)
        try await store.save(sample("i1"))
        #expect(try await store.load(id: "i1") == sample("i1"))
        try await store.save(sample("i1", owner: "web:two", state: #"{"a":2}"#))
        let replaced = try await store.load(id: "i1")
        #expect(replaced?.owner == "web:two")
        #expect(replaced.map { String(decoding: $0.state, as: UTF8.self) } == #"{"a":2}"#)
        try await store.delete(id: "i1")
        try await store.delete(id: "i1")
        #expect(try await store.load(id: "i1") == nil)
    }

    @Test func aFileOutlivesItsStore() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("interviews-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try SQLiteInterviewStore(path: path)
            try await store.save(sample("kept"))
        }
        let reopened = try SQLiteInterviewStore(path: path)
        #expect(try await reopened.load(id: "kept") == sample("kept"))
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 4096)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InterviewStoreError.self) { try SQLiteInterviewStore(path: path) }
        #expect(error?.description.contains("could not open the interview database at \(path)") == true)
    }
}
