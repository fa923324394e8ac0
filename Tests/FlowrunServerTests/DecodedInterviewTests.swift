import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

@testable import FlowrunServer

/// A server keeps the interviews it stored decoded (`DecodedInterviews`), and uses one only when
/// the stored row is still the one it wrote: another server answering the interview meanwhile
/// must be seen, never an older copy from memory.
@Suite struct DecodedInterviewTests {
    @Test func aKeptInterviewIsUsedOnlyForTheSameVersionAndBytes() async throws {
        let interviews = try await Self.twoInterviews()
        let cache = DecodedInterviews(capacity: 2)
        let stored = StoredInterview(
            id: "a", owner: "web:one", flowName: "survey", state: Data(#"{"version":2}"#.utf8), updatedAt: Date(), version: 4)
        #expect(cache.interview(for: stored) == nil)
        cache.keep(interviews.0, as: stored)
        #expect(cache.interview(for: stored)?.id == interviews.0.id)

        var moved = stored
        moved.version = 6
        #expect(cache.interview(for: moved) == nil)
        var rewritten = stored
        rewritten.state = Data(#"{"version":2,"x":1}"#.utf8)
        #expect(cache.interview(for: rewritten) == nil)
        var otherFlow = stored
        otherFlow.flowName = "terms"
        #expect(cache.interview(for: otherFlow) == nil)

        cache.forget(id: "a")
        #expect(cache.interview(for: stored) == nil)
    }

    @Test func itHoldsNoMoreThanItsCapacity() async throws {
        let interviews = try await Self.twoInterviews()
        let cache = DecodedInterviews(capacity: 2)
        for id in ["a", "b", "c", "d"] {
            cache.keep(
                interviews.1, as: StoredInterview(id: id, owner: "o", flowName: "survey", state: Data([1]), updatedAt: Date()))
        }
        #expect(cache.count == 2)
        let last = StoredInterview(id: "d", owner: "o", flowName: "survey", state: Data([1]), updatedAt: Date())
        #expect(cache.interview(for: last) != nil)
    }

    /// Two servers on one interview store: the first keeps the interview it stored at Confirm;
    /// the second goes Back with it; the first must then show the first screen, not Confirm, and
    /// go on from there.
    @Test func anInterviewAnotherServerMovedOnIsReadAgain() async throws {
        let store = try SQLiteInterviewStore()
        let key = ServerKey.random()
        let records = try await SQLiteRecordStoreFixture.demo()
        let one = try await TestServer.fixtureSetup(interviews: store, key: key, records: records)
        let two = try await TestServer.fixtureSetup(interviews: store, key: key, records: records)
        try await TestServer.run(one) { first in
            var browser = TestBrowser(first)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.post(location, [("field.Full_Name", "Mary"), ("action", "next")])
            #expect(try await browser.get(location).body.contains("Thank you, Mary."))
            let cookies = browser.cookies

            try await TestServer.run(two) { second in
                var other = TestBrowser(second)
                other.cookies = cookies
                #expect(try await other.get(location).body.contains("Thank you, Mary."))
                _ = try await other.post(location, [("action", "back")])
                #expect(try await other.get(location).body.contains("<h1>About you</h1>"))
            }

            let page = try await browser.get(location)
            #expect(page.body.contains("<h1>About you</h1>"))
            #expect(!page.body.contains("Thank you, Mary."))
            _ = try await browser.post(location, [("field.Full_Name", "Ada"), ("action", "next")])
            #expect(try await browser.get(location).body.contains("Thank you, Ada."))
        }
    }

    /// Two interviews of the survey fixture, as a server starts them.
    private static func twoInterviews() async throws -> (Interview, Interview) {
        let setup = try await TestServer.fixtureSetup()
        let flow = try #require(setup.catalog["survey"])
        let interpreter = Interpreter(flow: flow, services: FlowServices(records: setup.records))
        return (try await interpreter.start(inputs: [:]), try await interpreter.start(inputs: [:]))
    }
}

/// The owner an API token's interviews are stored under: SHA-256 of the token in hex (FIPS 180-2's
/// example "abc"), so the store never holds the token.
@Test func anAPIOwnerIsTheTokensSHA256InHex() {
    #expect(WebApp.apiOwner("abc") == "api:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}
