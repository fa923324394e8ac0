import FlowrunCore
import FlowrunSQLite
import Foundation
import HTTPTypes
import Testing

@testable import FlowrunServer

/// `flowrun serve --debug-view`: the page at `/interviews/{id}/debug`, in process through the
/// application's router (so through its middleware). Expected texts are literals read off
/// Fixtures/debug/passphrase.xml: the path it takes for a given passphrase, the trace
/// `--trace` would print, and the passphrase masked wherever it went.
@Suite struct DebugViewTests {
    static let passphrase = "tr0ub4dor&3"

    static func debugSetup() async throws -> ServerSetup {
        ServerSetup(
            catalog: try FlowCatalog(directory: TestServer.fixtures + "/debug", plugins: TestServer.plugins),
            records: try SQLiteRecordStore.inMemory(), interviews: try SQLiteInterviewStore(), key: .random(),
            console: CapturedOutput(), debugView: true)
    }

    @Test func thePathTakenAndTheTraceAreShownWithThePassphraseMasked() async throws {
        try await TestServer.run(try await Self.debugSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let started = try await browser.post("/flows/passphrase/start")
            let interview = try #require(started.location)
            let ask = try await browser.get(interview)
            #expect(ask.body.contains("<p class=\"debug-link\"><a href=\"\(interview)/debug\">Debug view</a></p>"))

            let first = try await browser.get(interview + "/debug")
            #expect(first.status == .ok)
            #expect(first.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true, "the app's headers apply")
            #expect(first.body.contains("<h1>Debug: Passphrase Check</h1>"))
            #expect(first.body.contains("Waiting at screen <b>Ask</b> · 1 element run"))
            #expect(first.body.contains(#"<g class="node screen current" data-element="Ask" data-mark="current">"#))

            let answered = try await browser.post(
                interview, [("field.Nickname", "Ada"), ("field.Passphrase", Self.passphrase), ("action", "next")])
            #expect(answered.location == interview)
            let page = try await browser.get(interview + "/debug")
            #expect(page.status == .ok)
            #expect(page.body.contains("Waiting at screen <b>Thanks</b> · 4 elements run"))
            for name in ["Ask", "Keep", "Was_Given"] {
                #expect(page.body.contains(#"data-element="\#(name)" data-mark="taken">"#), "\(name) is on the path")
            }
            #expect(page.body.contains(#"<g class="node screen current" data-element="Thanks" data-mark="current">"#))
            #expect(page.body.contains(#"<g class="node screen" data-element="Missing">"#), "the branch not taken is plain")
            #expect(page.body.contains(#"<g class="edge taken" data-connector="Was_Given-&gt;Thanks" data-mark="taken">"#))
            #expect(page.body.contains(#"<g class="edge" data-connector="Was_Given-&gt;Missing">"#))
            #expect(page.body.contains(Self.expectedTrace), "\(page.body)")
            #expect(!page.body.contains("tr0ub4dor"), "the passphrase is never shown")
            #expect(page.body.contains("Kept_Secret: null → ••••••"))
        }
    }

    static let expectedTrace = """
        <ol class="trace">
        <li data-element="Ask"><b>Ask</b> <span class="kind">screens</span> <span class="where">line 13</span><pre>waiting at screen Ask</pre></li>
        <li data-element="Keep"><b>Keep</b> <span class="kind">assignments</span> <span class="where">line 36</span><pre>Kept_Secret: null → ••••••
        Kept_Name: null → &quot;Ada&quot;</pre></li>
        <li data-element="Was_Given"><b>Was_Given</b> <span class="kind">decisions</span> <span class="where">line 57</span><pre>Given: Kept_Secret IsNull false (•••••• vs false) → true
        outcome: Given</pre></li>
        <li data-element="Thanks"><b>Thanks</b> <span class="kind">screens</span> <span class="where">line 80</span><pre>waiting at screen Thanks</pre></li>
        </ol>
        """

    @Test func anotherSessionCannotSeeTheDebugView() async throws {
        try await TestServer.run(try await Self.debugSetup()) { client in
            var owner = TestBrowser(client)
            _ = try await owner.get("/")
            let interview = try #require(try await owner.post("/flows/passphrase/start").location)
            var stranger = TestBrowser(client)
            _ = try await stranger.get("/")
            #expect(try await stranger.get(interview + "/debug").status == .notFound)
        }
    }

    @Test func theDebugViewIsOffUnlessAskedFor() async throws {
        var setup = try await Self.debugSetup()
        setup.debugView = false
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let interview = try #require(try await browser.post("/flows/passphrase/start").location)
            #expect(!(try await browser.get(interview)).body.contains("Debug view"))
            #expect(try await browser.get(interview + "/debug").status == .notFound)
            #expect(!(try await browser.get("/style.css")).body.contains(".debug"))
        }
    }

    /// The login flow (`terms`, for Alice's profile) is neither traced nor shown.
    @Test func loginFlowsHaveNoDebugView() async throws {
        var setup = try await TestServer.fixtureSetup()
        setup.debugView = true
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            let location = try await browser.signIn("alice@example.com", "correct horse")
            #expect(location.hasPrefix("/interviews/"))
            let terms = try await browser.get(location)
            #expect(terms.body.contains("<h1>Terms of use</h1>"))
            #expect(!terms.body.contains("Debug view"))
            let refused = try await browser.get(location + "/debug")
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("Login flows have no debug view"))
            #expect(!refused.body.contains("<ol class=\"trace\">"))
        }
    }

    @Test func theTraceKeepsAtMostItsLimitAndForgetsTheOldestInterview() {
        let traces = DebugTraces(loginFlows: [])
        let event = ExecutionEvent.screen(element: "Ask")
        traces.append(Array(repeating: event, count: DebugTraces.eventLimit + 3), to: "first")
        #expect(traces.trace(of: "first").events.count == DebugTraces.eventLimit)
        #expect(traces.trace(of: "first").truncated)
        for index in 0..<DebugTraces.interviewLimit { traces.append([event], to: "other-\(index)") }
        #expect(traces.trace(of: "first").events.isEmpty, "the least recently advanced interview is dropped")
        #expect(traces.trace(of: "other-0").events == [event])
    }
}
