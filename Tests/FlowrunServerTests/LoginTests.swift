import FlowrunCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// Logging in: the password, then the profile's login flow; access only when the flow finishes.
@Suite struct LoginTests {
    @Test func aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            let form = try await browser.get("/login")
            #expect(form.body.contains(#"<label for="username">Username"#))
            #expect(form.body.contains(#"<input type="password" id="password" name="password" autocomplete="current-password""#))
            let wrong = try await browser.post("/login", [("username", "bob@example.com"), ("password", "battery")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Your username or password is not right."))
            #expect(!wrong.body.contains("battery"))
            let unknown = try await browser.post("/login", [("username", "nobody@example.com"), ("password", "battery")])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.contains("Your username or password is not right."))
            let empty = try await browser.post("/login", [("username", ""), ("password", "")])
            #expect(empty.status == .badRequest)
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
        }
    }

    @Test func aProfileWithoutALoginFlowGoesStraightIn() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            let sessionBefore = browser.cookies[SessionCookies.session]
            let answer = try await browser.post("/login", [("username", "BOB@example.com"), ("password", "battery staple")])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/")
            let access = try #require(answer.setCookies.first { $0.hasPrefix("flowrun_auth=") })
            #expect(access.contains("HttpOnly"))
            #expect(access.contains("SameSite=Lax"))
            #expect(browser.cookies[SessionCookies.session] != sessionBefore, "a new session at login")
            let home = try await browser.get("/")
            #expect(home.body.contains("Welcome, Bob &lt;Builder&gt;. You are signed in."))
            #expect(home.body.contains("Signed in as Bob &lt;Builder&gt;"))
            let out = try await browser.post("/logout")
            #expect(out.location == "/login")
            let after = try await browser.get("/")
            #expect(!after.body.contains("You are signed in."))
        }
    }

    /// Logging out ends the session on the server: the cookies from before, replayed by whoever
    /// kept a copy, no longer sign anyone in.
    @Test func cookiesKeptFromBeforeALogoutNoLongerSignIn() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.signIn("bob@example.com", "battery staple")
            #expect(try await browser.get("/").body.contains("You are signed in."))
            let copied = browser
            _ = try await browser.post("/logout")
            var replay = copied
            let after = try await replay.get("/")
            #expect(!after.body.contains("You are signed in."))
            #expect(after.body.contains(#"<a href="/login">Log in</a>"#))
        }
    }

    @Test func theLoginFlowRunsWithItsInputsAndOnlyItsEndGrantsAccess() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            let answer = try await browser.post("/login", [("username", "alice@example.com"), ("password", "correct horse")])
            #expect(answer.status == .seeOther)
            let location = try #require(answer.location)
            #expect(location.hasPrefix("/interviews/"))
            #expect(!answer.setCookies.contains { $0.hasPrefix("flowrun_auth=") && !$0.contains("Max-Age=0") })
            let terms = try await browser.get(location)
            #expect(terms.body.contains("<h1>Terms of use</h1>"))
            #expect(terms.body.contains("User 005000000000101AAA on Linux via Browser, Application, STANDARD."))
            // Half-way through the flow is not signed in.
            let home = try await browser.get("/")
            #expect(!home.body.contains("You are signed in."))
            let refused = try await browser.post(location, [("action", "finish")])
            #expect(refused.location == location)
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
            let accepted = try await browser.post(location, [("field.Answer", "accept"), ("action", "finish")])
            #expect(accepted.status == .seeOther)
            #expect(accepted.location == "/welcome", "LoginFlow_FinishLocation")
            #expect(browser.cookies[SessionCookies.signedIn] != nil)
            let signedIn = try await browser.get("/")
            #expect(signedIn.body.contains("Welcome, Alice Example. You are signed in."))
            // The finished login interview is gone.
            let gone = try await browser.get(location)
            #expect(gone.status == .notFound)
        }
    }

    @Test func forceLogoutEndsTheLoginWithoutAccess() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            let location = try await browser.signIn("alice@example.com", "correct horse")
            _ = try await browser.get(location)
            let declined = try await browser.post(location, [("field.Answer", "decline"), ("action", "finish")])
            #expect(declined.status == .ok)
            #expect(declined.body.contains("You have been logged out."))
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
            #expect(browser.cookies[SessionCookies.pendingLogin] == nil)
        }
    }

    @Test func anotherBrowserCannotFinishSomeonesLoginFlow() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var victim = TestBrowser(client)
            let location = try await victim.signIn("alice@example.com", "correct horse")
            var attacker = TestBrowser(client)
            _ = try await attacker.get("/")
            let answer = try await attacker.post(location, [("field.Answer", "accept"), ("action", "finish")])
            #expect(answer.status == .notFound)
            #expect(attacker.cookies[SessionCookies.signedIn] == nil)
        }
    }

    @Test func passwordGuessingIsLimitedPerUsername() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            for guess in 1...5 {
                let wrong = try await browser.post("/login", [("username", "bob@example.com"), ("password", "guess \(guess)")])
                #expect(wrong.status == .unauthorized)
            }
            let blocked = try await browser.post("/login", [("username", "bob@example.com"), ("password", "battery staple")])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Too many attempts."))
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
            // Another user is not blocked by Bob's guesses.
            let alice = try await browser.post("/login", [("username", "alice@example.com"), ("password", "correct horse")])
            #expect(alice.status == .seeOther)
        }
    }

    /// The demo: Ada logs in with her password, meets sms2fa, types a wrong code, then the one the
    /// development SMS transport wrote, and is signed in.
    @Test func theDemoUserLogsInThroughSMSTwoFactor() async throws {
        let console = CapturedOutput()
        let setup = try await Self.projectSetup(console: console)
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            let location = try await browser.signIn("ada@example.com", "lovelace-1815")
            let screen = try await browser.get(location)
            #expect(screen.body.contains("Verify Your Identity"))
            #expect(screen.body.contains(#"autocomplete="one-time-code""#))
            let code = try #require(Self.lastCode(in: console.lines))
            #expect(!screen.body.contains(code))
            #expect(!location.contains(code))
            let wrongCode = code == "000000" ? "111111" : "000000"
            _ = try await browser.post(location, [("field.Code", wrongCode), ("action", "finish")])
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
            let again = try await browser.get(location)
            #expect(again.status == .ok)
            #expect(again.body.contains("That code did not match. We sent you a new one."))
            let newCode = try #require(Self.lastCode(in: console.lines))
            #expect(!again.body.contains(newCode))
            let right = try await browser.post(location, [("field.Code", newCode), ("action", "finish")])
            #expect(right.status == .seeOther)
            #expect(right.location == "/")
            #expect(browser.cookies[SessionCookies.signedIn] != nil)
            let home = try await browser.get("/")
            #expect(home.body.contains("Welcome, Ada Lovelace. You are signed in."))
        }
    }

    /// Three wrong codes lock Katherine out: the first two each bring a new code and the code
    /// screen back, the third ends at the flow's "locked out" screen with `Verified` false;
    /// finishing it does not sign her in, and a new login while the lockout lasts meets the same
    /// screen and sends no code. (Texts as in `flows/sms2fa.xml`.)
    @Test func aLockedOutUserIsNotLetIn() async throws {
        let console = CapturedOutput()
        let setup = try await Self.projectSetup(console: console)
        let lockout = "Too many wrong codes. For your security, sign-in is locked for 15 minutes."
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            let location = try await browser.signIn("katherine@example.com", "johnson-1918")
            var page = try await browser.get(location)
            #expect(page.body.contains("Enter the 6-digit code we sent to •••• 0177. It expires in 10 minutes."))
            #expect(Self.codesSent(console) == 1)
            for attempt in 1...2 {
                let code = try #require(Self.lastCode(in: console.lines))
                _ = try await browser.post(location, [("field.Code", code == "000000" ? "111111" : "000000"), ("action", "finish")])
                page = try await browser.get(location)
                #expect(page.body.contains("That code did not match. We sent you a new one."))
                #expect(page.body.contains(#"id="f-Code""#))
                #expect(Self.codesSent(console) == 1 + attempt)
            }
            let code = try #require(Self.lastCode(in: console.lines))
            _ = try await browser.post(location, [("field.Code", code == "000000" ? "111111" : "000000"), ("action", "finish")])
            page = try await browser.get(location)
            #expect(page.body.contains("<h1>Too Many Attempts</h1>"))
            #expect(page.body.contains(lockout))
            #expect(page.body.contains("No new code was sent."))
            #expect(!page.body.contains(#"id="f-Code""#))
            #expect(Self.codesSent(console) == 3)
            let ended = try await browser.post(location, [("action", "finish")])
            #expect(ended.body.contains("You have been logged out."))
            #expect(browser.cookies[SessionCookies.signedIn] == nil)
            #expect(!(try await browser.get("/")).body.contains("You are signed in."))

            let again = try await browser.signIn("katherine@example.com", "johnson-1918")
            let refused = try await browser.get(again)
            #expect(refused.body.contains("<h1>Too Many Attempts</h1>"))
            #expect(refused.body.contains(lockout))
            #expect(Self.codesSent(console) == 3, "no code during the lockout")
        }
    }

    /// How many code messages the development SMS transport wrote.
    /// The project's own flows and demo users, with `flows/login-flows.json` and SMS codes written
    /// to `console`.
    static func projectSetup(console: CapturedOutput) async throws -> ServerSetup {
        let configuration = try LoginFlowConfiguration(
            data: try Data(contentsOf: TestServer.root.appendingPathComponent("flows/login-flows.json")), source: "login-flows.json")
        return ServerSetup(
            catalog: try FlowCatalog(directory: TestServer.projectFlows, plugins: TestServer.plugins),
            records: try await SQLiteRecordStoreFixture.demo(), interviews: try SQLiteInterviewStoreFixture.memory(), key: .random(),
            loginFlows: configuration, console: console)
    }

    static func codesSent(_ console: CapturedOutput) -> Int {
        console.lines.filter { $0.hasPrefix("Message: Your verification code is: ") }.count
    }

    /// The last six-digit number the development SMS transport wrote.
    static func lastCode(in lines: [String]) -> String? {
        let text = lines.joined(separator: "\n")
        let regex = try? NSRegularExpression(pattern: #"(?<!\d)\d{6}(?!\d)"#)
        let matches = regex?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? []
        return matches.last.flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
    }
}
