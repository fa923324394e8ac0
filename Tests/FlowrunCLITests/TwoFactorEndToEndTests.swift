import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

/// The hardened two-factor flows end to end: real parser, validator, interpreter, SQLite records,
/// built-in plug-ins, and the development transport or local servers speaking the vendors' APIs.
@Suite("Two-factor login, hardened", .serialized) struct TwoFactorEndToEndTests {
    static let ada = "005000000000001AAA"
    static let grace = "005000000000002AAA"
    static let alan = "005000000000003AAA"
    static let mary = "005000000000005AAA"
    static let start = Date(timeIntervalSince1970: 1_714_555_800)  // 2024-05-01T09:30:00Z

    static let branding =
        #"<p><img src="/assets/acme-logo.svg" alt="Acme Corporation" width="160"/></p>"#
        + "<p><b>Acme Corporation</b> will never ask you for this code by phone, text or email. If someone does, do not share it.</p>"

    static func instructions(_ notice: String = "") -> String {
        "<p>\(notice)</p><p>Enter the 6-digit code we sent to •••• 0100. It expires in 10 minutes.</p>"
    }

    static func user(_ id: String, in harness: FlowHarness) async throws -> FlowRecord {
        let found = try await harness.records.query(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))]))
        return try #require(found.first)
    }

    static func text(of field: String, in interview: Interview) -> String? {
        interview.status.prompt?.fields.first { $0.name == field }?.text
    }

    @Test func theRightCodeLetsTheUserInOnceAndOnlyItsHashIsStored() async throws {
        let clock = ManualClock(Self.start)
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: clock)
        var interview = try await harness.interpreter.start()
        #expect(interview.status.prompt?.elementName == "Enter_Code")
        #expect(Self.text(of: "Branding", in: interview) == Self.branding)
        #expect(Self.text(of: "Instructions", in: interview) == Self.instructions())
        let code = try #require(harness.codesShownOnConsole.last)

        let pending = try await Self.user(Self.ada, in: harness)
        let hash = try #require(pending["TwoFactorCodeHash__c"].stringValue)
        #expect(hash.hasPrefix("sha256$") && !hash.contains(code))
        #expect(pending["TwoFactorCodeSentAt__c"] == .dateTime(Self.start))

        await harness.interpreter.resume(&interview, answers: ["Code": .string(code)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))
        let after = try await Self.user(Self.ada, in: harness)
        #expect(after["TwoFactorCodeHash__c"] == .null)
        #expect(after["TwoFactorFailures__c"] == .number(0))
    }

    @Test func aWrongCodeThenTheNewRightOne() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: ManualClock(Self.start))
        var interview = try await harness.interpreter.start()
        let first = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(first == "000000" ? "111111" : "000000")])
        #expect(Self.text(of: "Instructions", in: interview) == Self.instructions("That code did not match. We sent you a new one."))
        #expect(try await Self.user(Self.ada, in: harness)["TwoFactorFailures__c"] == .number(1))
        #expect(harness.codesShownOnConsole.count == 2)
        let second = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(second)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))
    }

    @Test func threeWrongCodesLockTheUserOutAndALoginDuringTheLockoutSendsNothing() async throws {
        let clock = ManualClock(Self.start)
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: clock)
        var interview = try await harness.interpreter.start()
        for _ in 1...3 {
            let code = try #require(harness.codesShownOnConsole.last)
            await harness.interpreter.resume(&interview, answers: ["Code": .string(code == "000000" ? "111111" : "000000")])
        }
        #expect(interview.status.prompt?.elementName == "Locked_Out")
        #expect(
            Self.text(of: "Locked_Out_Text", in: interview)
                == "<p>Too many wrong codes. For your security, sign-in is locked for 15 minutes.</p><p>No new code was sent.</p>")
        #expect(harness.codesShownOnConsole.count == 3)
        let locked = try await Self.user(Self.ada, in: harness)
        #expect(locked["TwoFactorFailures__c"] == .number(3))
        #expect(locked["TwoFactorLockedUntil__c"] == .dateTime(Self.start.addingTimeInterval(15 * 60)))

        // A new login (a new interview, as another process would start) 5 minutes later.
        clock.advance(by: 5 * 60)
        var again = try await harness.interpreter.start()
        #expect(again.status.prompt?.elementName == "Locked_Out")
        #expect(Self.text(of: "Locked_Out_Text", in: again)?.contains("locked for 10 minutes.") == true)
        #expect(harness.codesShownOnConsole.count == 3)
        await harness.interpreter.resume(&again, answers: [:])
        #expect(again.status == .finished(outputs: ["Verified": false, "Status": .null]))

        // Once the lockout is over, a code is sent again.
        clock.advance(by: 10 * 60 + 1)
        let later = try await harness.interpreter.start()
        #expect(later.status.prompt?.elementName == "Enter_Code")
        #expect(harness.codesShownOnConsole.count == 4)
    }

    @Test func aCodeOlderThanTenMinutesIsRefusedAndANewOneSent() async throws {
        let clock = ManualClock(Self.start)
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: clock)
        var interview = try await harness.interpreter.start()
        let old = try #require(harness.codesShownOnConsole.last)
        clock.advance(by: 10 * 60 + 1)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(old)])
        #expect(
            Self.text(of: "Instructions", in: interview)
                == Self.instructions("That code expired: codes last 10 minutes. We sent you a new one."))
        #expect(harness.codesShownOnConsole.count == 2)
        #expect(try await Self.user(Self.ada, in: harness)["TwoFactorFailures__c"] == .null)
        let fresh = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(fresh)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))
    }

    @Test func aCodeIsAcceptedOnceEvenWhenTheSameScreenIsAnsweredTwice() async throws {
        // An interview is a value: a replayed request, a second tab, or another process holding the
        // same saved state answers the same screen again. The record says the code is used up.
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: ManualClock(Self.start))
        var interview = try await harness.interpreter.start()
        var replay = interview
        let code = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(code)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))

        await harness.interpreter.resume(&replay, answers: ["Code": .string(code)])
        #expect(replay.status.prompt?.elementName == "Enter_Code")
        #expect(
            Self.text(of: "Instructions", in: replay)
                == Self.instructions("That code was already used or replaced. We sent you a new one."))
        #expect(replay.value(of: "Verified") == .boolean(false))
    }

    @Test func theSixthCodeInAnHourIsRefusedWithTheWaitAndNothingIsSent() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: ManualClock(Self.start))
        try await harness.records.update(
            object: "User", id: Self.ada,
            fields: [
                "TwoFactorSendCount__c": .number(5), "TwoFactorSendWindowStart__c": .dateTime(Self.start.addingTimeInterval(-20 * 60)),
            ])
        let interview = try await harness.interpreter.start()
        #expect(interview.status.prompt?.elementName == "Send_Limit_Reached")
        #expect(Self.text(of: "Send_Limit_Text", in: interview) == "<p>You asked for too many codes. Try again in 40 minutes.</p>")
        #expect(harness.console.lines.isEmpty)
    }

    @Test func aUserWithNoMobileIsAskedForOneAndTheCodeGoesToIt() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml", clock: ManualClock(Self.start))
        var interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.grace)])
        #expect(interview.status.prompt?.elementName == "Ask_Phone")
        await harness.interpreter.resume(&interview, answers: ["New_Mobile": "555-0123"])
        #expect(interview.status.prompt?.elementName == "Ask_Phone")
        #expect(
            interview.status.prompt?.fields.last?.error
                == "That is not a mobile number in international format. Type + and the country code, then the number, digits only: for example +15555550100."
        )
        #expect(harness.console.lines.isEmpty)

        await harness.interpreter.resume(&interview, answers: ["New_Mobile": "+15555550123"])
        #expect(interview.status.prompt?.elementName == "Enter_Code")
        #expect(try await Self.user(Self.grace, in: harness)["MobilePhone"] == "+15555550123")
        #expect(harness.console.lines.contains("To:      +15555550123"))
        #expect(Self.text(of: "Instructions", in: interview)?.contains("we sent to •••• 0123.") == true)
        let code = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(code)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))
    }

    @Test func aLandlineGetsTheCodeInACallWithTheRightTwiML() async throws {
        try await withTwilioTestServer { server in
            // With seed 2026 the call's code is 236566 (the interview's id takes the first 16 draws);
            // typing it back below shows that the TwiML read out the code that was sent.
            let harness = try await FlowHarness(flow: "flows/login2fa.xml", environment: server.environment, seed: 2026)
            var interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.alan)])
            #expect(Self.text(of: "Instructions", in: interview)?.contains("We sent a 6-digit code in a call to •••• 0142.") == true)
            let call = try #require(server.calls.first)
            #expect(server.calls.count == 1 && server.messages.isEmpty)
            #expect(call.to == "+15555550142")
            #expect(
                call.twiml
                    == "<Response><Say>Your verification code is: 2, 3, 6, 5, 6, 6.</Say><Pause length=\"1\"/>"
                    + "<Say>Your verification code is: 2, 3, 6, 5, 6, 6.</Say></Response>")
            #expect(harness.console.lines.isEmpty)
            await harness.interpreter.resume(&interview, answers: ["Code": "236566"])
            #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "queued", "Channel": "Voice"]))
        }
    }

    @Test func noPhoneAndNoNumberGivenSendsTheCodeByEmail() async throws {
        try await withSMTPTestServer { server in
            let harness = try await FlowHarness(flow: "flows/login2fa.xml", environment: server.environment)
            var interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.grace)])
            #expect(interview.status.prompt?.elementName == "Ask_Phone")
            await harness.interpreter.resume(&interview, answers: [:])
            #expect(
                Self.text(of: "Instructions", in: interview)?.contains("We sent a 6-digit code in an email to g•••@example.com.") == true)
            let message = try #require(try server.messages.first)
            #expect(message.tls && message.authenticated)
            #expect(message.rcptTos == ["grace@example.com"])
            #expect(message.data.contains("Subject: Your Acme verification code\r\n"))
            let code = try #require(FlowHarness.codes(in: message.data).first)
            #expect(harness.console.lines.isEmpty)
            await harness.interpreter.resume(&interview, answers: ["Code": .string(code)])
            #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "sent", "Channel": "Email"]))
            #expect(try await Self.user(Self.grace, in: harness)["MobilePhone"] == .null)
        }
    }

    @Test func anAuthenticatorUserGivesTheRFC6238CodeOnce() async throws {
        // RFC 6238 Appendix B, SHA1, T = 1234567890: 89005924, whose last six digits the app shows.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_234_567_890))
        let harness = try await FlowHarness(flow: "flows/login2fa.xml", clock: clock)
        var interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.mary)])
        #expect(interview.status.prompt?.elementName == "Enter_TOTP")
        await harness.interpreter.resume(&interview, answers: ["TOTP_Code": "005924"])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": .null, "Channel": "Authenticator"]))
        #expect(try await Self.user(Self.mary, in: harness)["TOTPLastStep__c"] == .number(41_152_263))
        #expect(harness.console.lines.isEmpty)

        // The same code again, in the same 30 seconds: refused.
        var replay = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.mary)])
        await harness.interpreter.resume(&replay, answers: ["TOTP_Code": "005924"])
        #expect(replay.status.prompt?.elementName == "Enter_TOTP")
        #expect(
            Self.text(of: "TOTP_Instructions", in: replay)?.hasPrefix(
                "<p>That code did not match. Wait for the next code in your app and try again.</p>") == true)
        #expect(replay.value(of: "VerifyReason") == "code already used")
    }

    @Test func aTwilioErrorIsShownInWords() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(
                status: 400,
                body:
                    #"{"code": 21211, "message": "The 'To' number +15555550100 is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}"#
            )
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: server.environment)
            var interview = try await harness.interpreter.start()
            #expect(interview.status.prompt?.elementName == "Not_Sent")
            #expect(
                Self.text(of: "Not_Sent_Text", in: interview)
                    == "<p>We could not send a code to •••• 0100: Twilio error 21211: The 'To' number +15555550100 is not a valid phone number. (HTTP 400) See https://www.twilio.com/docs/errors/21211</p><p>Try again later.</p>"
            )
            await harness.interpreter.resume(&interview, answers: [:])
            #expect(interview.status == .finished(outputs: ["Verified": false, "Status": "Failure"]))
            #expect(try await Self.user(Self.ada, in: harness)["TwoFactorCodeHash__c"] == .null)
        }
    }

    @Test func teleSignDeliversTheCodeWhenChosen() async throws {
        try await withTeleSignTestServer { server in
            var environment = server.environment
            environment["FLOWRUN_SMS_VENDOR"] = "TeleSign"
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: environment)
            var interview = try await harness.interpreter.start()
            let message = try #require(server.messages.first)
            #expect(message.phoneNumber == "15555550100")  // TeleSign wants the digits, no "+"
            #expect(message.messageType == "OTP")
            let code = try #require(FlowHarness.codes(in: message.message).first)
            #expect(harness.console.lines.isEmpty)
            await harness.interpreter.resume(&interview, answers: ["Code": .string(code)])
            #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "Message in progress"]))
        }
    }

    @Test func aTeleSignRefusalIsShownInWords() async throws {
        try await withTeleSignTestServer { server in
            server.respondNext(
                status: 200,
                body:
                    #"{"reference_id":"0123456789ABCDEF0123456789ABCDEF","status":{"code":230,"description":"Message blocked by TeleSign"}}"#
            )
            var environment = server.environment
            environment["FLOWRUN_SMS_VENDOR"] = "TeleSign"
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: environment)
            let interview = try await harness.interpreter.start()
            #expect(
                Self.text(of: "Not_Sent_Text", in: interview)
                    == "<p>We could not send a code to •••• 0100: TeleSign status 230 Message blocked by TeleSign (HTTP 200)</p><p>Try again later.</p>"
            )
        }
    }
}
