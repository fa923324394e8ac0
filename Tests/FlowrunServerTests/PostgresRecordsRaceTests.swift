import AsyncHTTPClient
import FlowrunCore
import FlowrunPostgres
import Foundation
import PostgresNIO
import Testing

/// Two `flowrun serve` processes keeping records in one PostgreSQL schema, with the project's
/// two-factor flow: logins raced across both servers still send no more codes than the limit,
/// because the flow's read of the User record locks it (`SELECT … FOR UPDATE`) until the
/// transaction that counts the send commits, whichever server runs it.
@Suite(.serialized) struct PostgresRecordsRaceTests {
    @Test func twelveLoginsRacedAcrossTwoServersSendNoMoreThanTheLimit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-pg-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let flows = TestServer.root.appendingPathComponent("flows")
        for name in ["sms2fa.xml", "login-flows.json", "data", "assets"] {
            try FileManager.default.copyItem(at: flows.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let schema = try PostgresSchemaName("flowrun_race_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        let database = try PostgresDatabaseURL(PostgresInterviewStoreTests.url)
        let pg = PostgresClient(configuration: database.clientConfiguration)
        let running = Task { await pg.run() }
        defer { running.cancel() }
        let records = PostgresRecordStore(client: pg, schema: schema)
        let outcome: Result<Void, any Error>
        do {
            try await Self.race(folder: folder, schema: schema, records: records)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await records.dropSchema()
        try outcome.get()
    }

    static func race(folder: URL, schema: PostgresSchemaName, records: PostgresRecordStore) async throws {

        let outbox = folder.appendingPathComponent("outbox")
        let shared = [
            "FLOWRUN_POSTGRES_URL": PostgresInterviewStoreTests.url + "?schema=\(schema.name)",
            "FLOWRUN_SERVER_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString(),
            "FLOWRUN_OUTBOX": outbox.path,
        ]
        // One after the other: the first loads the demo records, the second finds them there.
        let one = try KillAndRestartTests.ServerProcess(directory: folder.path, environment: shared)
        defer { one.kill() }
        let other = try KillAndRestartTests.ServerProcess(directory: folder.path, environment: shared)
        defer { other.kill() }
        #expect(try await records.recordCount(object: "User") == 5)

        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        do {
            let bases = ["http://127.0.0.1:\(one.port)", "http://127.0.0.1:\(other.port)"]
            let landings = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<12 {
                    let base = bases[index % 2]
                    group.addTask {
                        var browser = KillAndRestartTests.Browser(client: client)
                        _ = try await browser.request(base + "/login")
                        let (status, _, _) = try await browser.request(
                            base + "/login", form: [("username", "ada@example.com"), ("password", "lovelace-1815")])
                        return status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(landings == Array(repeating: 303, count: 12))
            let sent = try DevelopmentOutboxReader(folder: outbox).messages(notIn: [])
            #expect(sent.count == 5)
            let ada = try #require(try await records.record(id: "005000000000001AAA"))
            #expect(ada["TwoFactorSendCount__c"] == 5)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
