import Foundation
import Testing

/// The demo in a real browser: headless Chromium, driven through chromedriver's W3C WebDriver
/// HTTP API, against the built `flowrun serve flows` (``BrowserHarness``). Codes are read from
/// the development SMS outbox, as a person reads their phone. Expected texts are the literal
/// texts of `flows/sms2fa.xml`.
@Suite(.serialized) struct BrowserEndToEndTests {
    typealias Message = DevelopmentOutboxReader.Message

    static let codeScreenTitle = "Verify Your Identity"
    static let wrongCodeNotice = "That code did not match. We sent you a new one."
    static let lockoutScreenTitle = "Too Many Attempts"
    static let lockoutText = "Too many wrong codes. For your security, sign-in is locked for 15 minutes."
    static let noNewCodeText = "No new code was sent."

    /// Types `username` and `password` into the login page and submits it.
    static func logIn(_ site: BrowserHarness.Site, _ username: String, _ password: String) async throws {
        try await site.browser.go(site.address + "/login")
        try await site.browser.type(username, into: "#username")
        try await site.browser.type(password, into: "#password")
        try await site.browser.submit("form[action='/login'] button[type=submit]")
    }

    /// The one message that arrived since `seen` (the files then), sent by SMS to `number`, and its code.
    static func newCode(_ site: BrowserHarness.Site, since seen: Set<String>, to number: String) throws -> String {
        let messages = try site.outbox.messages(notIn: seen)
        try #require(messages.count == 1, "one new text message, got \(messages)")
        #expect(messages[0].channel == "sms")
        #expect(messages[0].to == number)
        return try #require(DevelopmentOutboxReader.code(in: messages[0]), "a code in \(messages[0].body)")
    }

    /// Types `code` into the code screen and presses Next.
    static func enter(_ code: String, _ site: BrowserHarness.Site) async throws {
        try await site.browser.type(code, into: "#f-Code")
        try await site.browser.submit("button.primary")
    }

    @Test func adaLogsInThroughSMSTwoFactorInChromium() async throws {
        try await BrowserHarness.withSite { site in
            var seen = site.outbox.fileNames()
            #expect(seen.isEmpty)
            try await Self.logIn(site, "ada@example.com", "lovelace-1815")
            let codeScreen = try await site.browser.source()
            #expect(codeScreen.contains(Self.codeScreenTitle))
            #expect(codeScreen.contains("Enter the 6-digit code we sent to •••• 0100. It expires in 10 minutes."))
            let first = try Self.newCode(site, since: seen, to: "+15555550100")
            #expect(!codeScreen.contains(first), "the code is never on the page")
            seen = site.outbox.fileNames()

            try await Self.enter(DevelopmentOutboxReader.wrongCode(besides: first), site)
            let again = try await site.browser.source()
            #expect(again.contains(Self.codeScreenTitle))
            #expect(again.contains(Self.wrongCodeNotice))
            #expect(!again.contains("You are signed in."))
            let second = try Self.newCode(site, since: seen, to: "+15555550100")

            try await Self.enter(second, site)
            #expect(try await site.browser.url() == site.address + "/")
            #expect(try await site.browser.source().contains("Welcome, Ada Lovelace. You are signed in."))
        }
    }

    @Test func katherineIsLockedOutAfterThreeWrongCodesInChromium() async throws {
        try await BrowserHarness.withSite { site in
            let katherine = "+15555550177"
            var seen = site.outbox.fileNames()
            try await Self.logIn(site, "katherine@example.com", "johnson-1918")
            #expect(try await site.browser.source().contains(Self.codeScreenTitle))
            var code = try Self.newCode(site, since: seen, to: katherine)

            // The first two wrong codes each bring a new code and the code screen back.
            for _ in 1...2 {
                seen = site.outbox.fileNames()
                try await Self.enter(DevelopmentOutboxReader.wrongCode(besides: code), site)
                let page = try await site.browser.source()
                #expect(page.contains(Self.codeScreenTitle))
                #expect(page.contains(Self.wrongCodeNotice))
                code = try Self.newCode(site, since: seen, to: katherine)
            }

            // The third locks her out, and no code is sent.
            seen = site.outbox.fileNames()
            #expect(seen.count == 3)
            try await Self.enter(DevelopmentOutboxReader.wrongCode(besides: code), site)
            let locked = try await site.browser.source()
            #expect(locked.contains(Self.lockoutScreenTitle))
            #expect(locked.contains(Self.lockoutText))
            #expect(locked.contains(Self.noNewCodeText))
            #expect(!locked.contains(Self.codeScreenTitle))
            #expect(try site.outbox.messages(notIn: seen) == [])

            // Finishing the lockout screen does not let her in.
            try await site.browser.submit("button.primary")
            let finished = try await site.browser.source()
            #expect(finished.contains("You have been logged out."))
            #expect(!finished.contains("You are signed in."))

            // Her password is still right, but while the lockout lasts a new login is refused
            // at once, and no new code is sent.
            try await Self.logIn(site, "katherine@example.com", "johnson-1918")
            let refused = try await site.browser.source()
            #expect(refused.contains(Self.lockoutScreenTitle))
            #expect(refused.contains(Self.lockoutText))
            #expect(refused.contains(Self.noNewCodeText))
            #expect(!refused.contains("f-Code"), "no code field")
            #expect(try site.outbox.messages(notIn: seen) == [])
            #expect(site.outbox.fileNames().count == 3)

            try await site.browser.go(site.address + "/")
            #expect(!(try await site.browser.source()).contains("You are signed in."))
        }
    }
}
