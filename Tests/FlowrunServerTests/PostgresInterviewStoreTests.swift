import FlowrunCore
import FlowrunPostgres
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing

@testable import FlowrunServer

/// The PostgreSQL interview store against a real server (`scripts/test` starts one and sets
/// FLOWRUN_TEST_POSTGRES_URL), and two servers sharing it: one starts an interview, the other
/// finishes it.
@Suite(.serialized) struct PostgresInterviewStoreTests {
    static var url: String {
        ProcessInfo.processInfo.environment["FLOWRUN_TEST_POSTGRES_URL"]
            ?? "postgres://flowrun:flowrun-test@127.0.0.1:5432/flowrun_test"
    }

    /// Runs `body` with a prepared store on a running client.
    private func withStore(_ body: @escaping @Sendable (PostgresInterviewStore) async throws -> Void) async throws {
        let client = PostgresClient(configuration: try PostgresInterviewStore.configuration(url: Self.url))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // The table's name is unqualified, so it is found through the search path ("$user",
            // public): a server of another test creating the user's schema (`flowrun`, the
            // records' default) would otherwise move it mid-test, from public's table to a new
            // one there. Created first, the schema holds the table from the start.
            try await client.query("CREATE SCHEMA IF NOT EXISTS flowrun")
            let store = PostgresInterviewStore(client: client)
            try await store.prepare()
            try await body(store)
        }
    }

    @Test func deletesExpiredInterviewsButNotAHeldOne() async throws {
        try await withStore { store in
            try await InterviewStartLimitTests.expiryContract(store, prefix: "test-")
        }
    }

    @Test func savesReplacesAndDeletes() async throws {
        try await withStore { store in
            let id = "test-" + UUID().uuidString
            let first = StoredInterview(
                id: id, owner: "web:one", flowName: "survey", state: Data(#"{"a":1}"#.utf8),
                // Now, to the second: servers sharing this table delete interviews untouched for a day.
                updatedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            #expect(try await store.load(id: id) == nil)
            try await store.save(first)
            #expect(try await store.load(id: id) == first)
            var second = first
            second.owner = "web:two"
            second.state = Data([0, 1, 2, 255])
            try await store.save(second)
            #expect(try await store.load(id: id) == second)
            try await store.delete(id: id)
            try await store.delete(id: id)
            #expect(try await store.load(id: id) == nil)
        }
    }

    @Test func aURLOfAnotherFormIsAClearErrorThatDoesNotShowIt() {
        let error = #expect(throws: PostgresInterviewStoreError.self) {
            try PostgresInterviewStore.configuration(url: "mysql://admin:s3cret@db/flowrun")
        }
        #expect(error?.description.contains("expected a URL like postgres://USER:PASSWORD@HOST:5432/DATABASE") == true)
        #expect(error?.description.contains("s3cret") == false)
    }

    @Test func twoServersShareInterviews() async throws {
        try await withStore { store in
            let key = ServerKey.random()
            let records = try await SQLiteRecordStoreFixture.demo()
            let one = try await TestServer.fixtureSetup(interviews: store, key: key, records: records)
            let two = try await TestServer.fixtureSetup(interviews: store, key: key, records: records)
            let (cookies, location) = try await TestServer.run(one) { client in
                var browser = TestBrowser(client)
                _ = try await browser.get("/")
                let location = try #require(try await browser.post("/flows/survey/start").location)
                _ = try await browser.post(location, [("field.Full_Name", "Mary"), ("action", "next")])
                return (browser.cookies, location)
            }
            try await TestServer.run(two) { client in
                var browser = TestBrowser(client)
                browser.cookies = cookies
                let page = try await browser.get(location)
                #expect(page.body.contains("Thank you, Mary."))
                _ = try await browser.post(location, [("action", "finish")])
                #expect(try await browser.get(location).body.contains("<dt>Summary</dt><dd>Mary</dd>"))
                // A stranger on the second server still gets nothing.
                var stranger = TestBrowser(client)
                _ = try await stranger.get("/")
                #expect(try await stranger.get(location).status == .notFound)
            }
        }
    }
}
