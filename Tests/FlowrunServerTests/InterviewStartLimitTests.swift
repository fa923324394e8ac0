import FlowrunCore
import FlowrunSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// Starting interviews is limited per client address and in all, so nobody can fill the database
/// by starting them; abandoned interviews are deleted after the lifetime.
@Suite struct InterviewStartLimitTests {
    @Test func startsPerAddressStopAtTheLimitAndStoreNoMore() async throws {
        let store = try SQLiteInterviewStore()
        var setup = try await TestServer.fixtureSetup(interviews: store)
        setup.startLimits = InterviewStartLimits(perAddress: 5, total: 100)
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let first = try await browser.post("/flows/survey/start")
            #expect(first.status == .seeOther)
            let one = try await store.storedInterviews()
            #expect(one.count == 1)
            var statuses: [HTTPResponse.Status] = []
            var refusal = ""
            for _ in 0..<11 {
                let page = try await browser.post("/flows/survey/start")
                statuses.append(page.status)
                if page.status == .tooManyRequests { refusal = page.body }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 4)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
            #expect(
                refusal.contains(
                    "<h1>Too Many Requests</h1><p>Too many interviews were started from your address. Wait a few minutes and try again.</p>"
                ))
            let stored = try await store.storedInterviews()
            #expect(stored.count == 5)
            // Every interview of this flow at its first screen is about the same size: five of them, not twelve.
            #expect(stored.stateBytes < 6 * one.stateBytes)
        }
    }

    @Test func startsInAllStopAtTheServersLimit() async throws {
        let store = try SQLiteInterviewStore()
        var setup = try await TestServer.fixtureSetup(interviews: store)
        setup.startLimits = InterviewStartLimits(perAddress: 100, total: 4)
        try await TestServer.run(setup) { client in
            var statuses: [HTTPResponse.Status] = []
            var refusal = ""
            for _ in 0..<6 {
                let response = try await client.execute(
                    uri: "/api/v1/flows/survey/interviews", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: "{}"))
                statuses.append(response.status)
                if response.status == .tooManyRequests { refusal = String(buffer: response.body) }
            }
            #expect(statuses == [.created, .created, .created, .created, .tooManyRequests, .tooManyRequests])
            #expect(refusal == #"{"error":"Too many interviews are being started on this server. Wait a few minutes and try again."}"#)
            #expect(try await store.storedInterviews().count == 4)
        }
    }

    @Test func anInterviewNobodyAnsweredForTheLifetimeIsGone() async throws {
        let store = try SQLiteInterviewStore()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_714_555_800))
        var setup = try await TestServer.fixtureSetup(interviews: store)
        setup.clock = clock
        setup.interviewLifetime = 3600
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let first = try #require(try await browser.post("/flows/survey/start").location)
            clock.advance(by: 1800)
            let second = try #require(try await browser.post("/flows/survey/start").location)
            #expect(try await browser.get(first).status == .ok)
            #expect(try await store.storedInterviews().count == 2)

            // Past its lifetime: not found, and deleted.
            clock.advance(by: 1900)
            let expired = try await browser.get(first)
            #expect(expired.status == .notFound)
            #expect(expired.body.contains("There is no such interview, or it belongs to another session."))
            #expect(try await store.storedInterviews().count == 1)

            // The next start sweeps every expired one, read or not.
            clock.advance(by: 1800)
            let third = try #require(try await browser.post("/flows/survey/start").location)
            #expect(try await store.storedInterviews().count == 1)
            #expect(try await browser.get(third).status == .ok)
            #expect(try await browser.get(second).status == .notFound)
        }
    }

    /// The store's own deletion: by age, never one a request holds.
    @Test func theSQLiteStoreDeletesByAgeAndSparesAClaimedInterview() async throws {
        try await Self.expiryContract(try SQLiteInterviewStore(), prefix: "sqlite-")
    }

    /// Interviews last stored 3,000 s, 2,900 s (held by a request for 5,000 s more) and 1,000 s
    /// ago, expired when untouched for 2,000 s: only the first goes. Times are the real clock's,
    /// because servers of other tests sharing a PostgreSQL table sweep what is a day old.
    static func expiryContract(_ store: some InterviewStore & InterviewStoreMaintenance, prefix: String) async throws {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let ids = ["old", "held", "recent"].map { prefix + $0 + "-" + UUID().uuidString }
        for (id, age) in zip(ids, [3000.0, 2900, 1000]) {
            try await store.save(
                StoredInterview(id: id, owner: "web:x", flowName: "survey", state: Data("{}".utf8), updatedAt: now - age))
        }
        #expect(try await store.claim(id: ids[1], version: 0, until: now + 5000, now: now - 2900))
        let deleted = try await store.deleteInterviews(untouchedSince: now - 2000, now: now)
        #expect(deleted == 1)
        #expect(try await store.load(id: ids[0]) == nil)
        #expect(try await store.load(id: ids[1]) != nil)
        #expect(try await store.load(id: ids[2]) != nil)
        for id in ids { try await store.delete(id: id) }
    }
}
