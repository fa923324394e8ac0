import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// What an attacker or a broken client sends gets a clear 4xx, never a 500 and never someone
/// else's interview.
@Suite struct AttackTests {
    @Test func aFormWithoutTheCSRFTokenIsRefused() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let refused = try await browser.post("/flows/survey/start", withCSRF: false)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("did not come from this site"))
            let forged = try await browser.post("/flows/survey/start", [("_csrf", "AAAA")], withCSRF: false)
            #expect(forged.status == .forbidden)
            // A token from another browser's session does not work in this one.
            var other = TestBrowser(client)
            _ = try await other.get("/")
            let foreign = try await browser.post("/flows/survey/start", [("_csrf", other.csrf ?? "")], withCSRF: false)
            #expect(foreign.status == .forbidden)
            let login = try await browser.post(
                "/login", [("username", "bob@example.com"), ("password", "battery staple")], withCSRF: false)
            #expect(login.status == .forbidden)
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
        }
    }

    @Test func anotherSessionCannotReadOrAnswerAnInterview() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var owner = TestBrowser(client)
            _ = try await owner.get("/")
            let location = try #require(try await owner.post("/flows/survey/start").location)
            var intruder = TestBrowser(client)
            _ = try await intruder.get("/")
            let read = try await intruder.get(location)
            #expect(read.status == .notFound)
            #expect(!read.body.contains("About you"))
            let answer = try await intruder.post(location, [("field.Full_Name", "Mallory"), ("action", "next")])
            #expect(answer.status == .notFound)
            let missing = try await owner.get("/interviews/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(missing.status == .notFound)
            // A foreign interview and a missing one look the same.
            #expect(missing.body.contains("There is no such interview, or it belongs to another session."))
            #expect(read.body.contains("There is no such interview, or it belongs to another session."))
            // A browser without any session cookie is a stranger too.
            let bare = try await client.execute(uri: location, method: .get)
            #expect(bare.status == .notFound)
            let still = try await owner.get(location)
            #expect(still.body.contains("<h1>About you</h1>"))
        }
    }

    @Test func oversizedBodiesWrongTypesAndBadEncodingsAre4xx() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let big = String(repeating: "a", count: 70 * 1024)
            let oversized = try await browser.post("/flows/survey/start", [("padding", big)])
            #expect(oversized.status == .contentTooLarge)
            #expect(oversized.body.contains("<h1>Content Too Large</h1><p>The request is larger than 64 KiB.</p>"))
            let json = try await browser.send(
                "/flows/survey/start", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
            #expect(json.body.contains("<p>Send the form as application/x-www-form-urlencoded.</p>"))
            let untyped = try await browser.send("/login", method: .post, headers: [:], body: ByteBuffer(string: "a=b"))
            #expect(untyped.status == .unsupportedMediaType)
            let broken = try await browser.send(
                "/flows/survey/start", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=%ZZ"))
            #expect(broken.status == .badRequest)
            #expect(broken.body.contains("<p>The form data is not valid URL-encoded text.</p>"))
            let unknownFlow = try await browser.post("/flows/nope/start")
            #expect(unknownFlow.status == .notFound)
            #expect(unknownFlow.body.contains("<p>There is no such flow.</p>"))
            let loginFlow = try await browser.post("/flows/terms/start")
            #expect(loginFlow.status == .notFound)
            let location = try #require(try await browser.post("/flows/survey/start").location)
            let badAction = try await browser.post(location, [("action", "explode")])
            #expect(badAction.status == .badRequest)
            #expect(badAction.body.contains("<p>Unknown action &#39;explode&#39;; use next, back, finish or pause.</p>"))
            let longID = try await browser.get("/interviews/" + String(repeating: "x", count: 5000))
            #expect(longID.status == .notFound)
        }
    }

    @Test func cookiesAreHttpOnlyLaxAndSecureBehindTLS() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var plain = TestBrowser(client)
            let page = try await plain.get("/")
            let session = try #require(page.setCookies.first { $0.hasPrefix("flowrun_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(session.contains("Path=/"))
            #expect(!session.contains("Secure"))
            var proxied = TestBrowser(client)
            let secure = try await proxied.send(
                "/", method: .get, headers: [try #require(HTTPField.Name("X-Forwarded-Proto")): "https"], body: nil)
            #expect(secure.setCookies.first { $0.hasPrefix("flowrun_session=") }?.contains("Secure") == true)
        }
        var setup = try await TestServer.fixtureSetup()
        setup.secureCookies = true
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            let page = try await browser.get("/")
            #expect(page.setCookies.allSatisfy { $0.contains("Secure") })
        }
    }

    @Test func aTamperedSessionCookieIsAStranger() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            let cookie = try #require(browser.cookies[SessionCookies.session])
            // The first character, not the last: a base64url text's last character has padding bits,
            // and changing only those leaves the same bytes (and a valid signature).
            browser.cookies[SessionCookies.session] = (cookie.hasPrefix("A") ? "B" : "A") + String(cookie.dropFirst())
            let page = try await browser.get(location)
            #expect(page.status == .notFound)
        }
    }
}
