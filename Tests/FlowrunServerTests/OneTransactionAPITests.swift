import FlowrunCore
import FlowrunSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// Answers over the JSON API with the interview table on the record store's connection, as
/// `flowrun serve` opens SQLite: each answer is one transaction (claim, flow, stored state).
/// Racing answers to one interview each either answer it once or are refused, and none leaves
/// it locked.
@Suite struct OneTransactionAPITests {
    private static var flows: String {
        TestServer.root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures/OneTransaction").path
    }

    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func parallelAnswersToOneInterviewEachCountOnceOrAreRefused() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("one-transaction-api-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        let records = try SQLiteRecordStore(path: file)
        let interviews = try SQLiteInterviewStore(sharing: records)
        let setup = try await TestServer.fixtureSetup(interviews: interviews, records: records, flows: Self.flows)

        try await TestServer.runLive(setup, concurrently: true) { client in
            let started = try await client.execute(
                uri: "/api/v1/flows/Screen_Loop/interviews", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            let state = try Self.json(started)
            let id = try #require(state["id"] as? String)
            let token = try #require(state["token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let answer = #"{"answers": {"Amount": 42}, "action": "next"}"#

            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: ByteBuffer(string: answer)
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let answered = statuses.filter { $0 == .ok }.count
            #expect(answered + statuses.filter { $0 == .conflict }.count == 8, "\(statuses)")
            #expect(answered >= 1, "\(statuses)")
            // Every answer that was taken created its record, exactly once; no refused one did.
            #expect(try await records.recordCount(object: "Answer__c") == answered)

            // Nothing was left claimed: the next answer goes through at once.
            let next = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: ByteBuffer(string: answer))
            #expect(next.status == .ok)
            #expect((try Self.json(next)["screen"] as? [String: Any])?["name"] as? String == "Ask")
            #expect(try await records.recordCount(object: "Answer__c") == answered + 1)
            // Stored at version 1 by the start, then two versions per answer (its claim, its stored state).
            #expect(try await interviews.load(id: id)?.version == 1 + 2 * (answered + 1))
        }
    }
}
