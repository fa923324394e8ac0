import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Synchronization
import Testing

/// flows/sms2fa.xml and the seed flow, end to end: real parser, validator, interpreter, SQLite
/// records, SMS plug-in, and either transport.
@Suite struct SMS2FAEndToEndTests {
    static let ada = "005000000000001AAA"

    @Test func wrongThenRightCodeOnTheDevelopmentTransport() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml")
        var interview = try await harness.interpreter.start()
        let prompt = try #require(interview.status.prompt)
        #expect(prompt.elementName == "Enter_Code")
        #expect(
            prompt.fields.first { $0.name == "Instructions" }?.text
                == "<p></p><p>Enter the 6-digit code we sent to •••• 0100. It expires in 10 minutes.</p>")
        let first = try #require(harness.codesShownOnConsole.last)
        #expect(harness.console.lines.contains { $0.contains("+15555550100") })
        #expect(harness.console.lines.contains { $0.contains("Your verification code is: \(first)") })
        #expect(harness.console.lines.contains { $0.contains("TWILIO_ACCOUNT_SID") })

        let wrong = first == "000000" ? "111111" : "000000"
        await harness.interpreter.resume(&interview, answers: ["Code": .string(wrong)])
        let again = try #require(interview.status.prompt)
        #expect(again.fields.first { $0.name == "Instructions" }?.text?.contains("That code did not match. We sent you a new one.") == true)
        let codes = harness.codesShownOnConsole
        #expect(codes.count == 2)
        let second = try #require(codes.last)

        await harness.interpreter.resume(&interview, answers: ["Code": .string(second)])
        #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "delivered-to-console"]))
    }

    @Test func aCodeThatIsNotSixDigitsIsAskedAgainWithoutSendingANewOne() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml")
        var interview = try await harness.interpreter.start()
        await harness.interpreter.resume(&interview, answers: ["Code": "12ab"])
        #expect(interview.status.prompt?.fields.last?.error == "Enter the 6 digits of the code, or leave it empty for a new code.")
        #expect(harness.codesShownOnConsole.count == 1)
    }

    @Test func wrongThenRightCodeThroughTwilio() async throws {
        try await withTwilioTestServer { server in
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: server.environment)
            var interview = try await harness.interpreter.start()
            #expect(interview.status.prompt?.elementName == "Enter_Code")
            let sent = try #require(server.messages.first)
            #expect(sent.to == "+15555550100")
            #expect(sent.from == TwilioTestServer.defaultFromNumber)
            let code = try #require(FlowHarness.codes(in: sent.body).first)
            #expect(sent.body == "Your verification code is: \(code)")
            // The code went out by SMS, so nothing shows it locally.
            #expect(harness.codesShownOnConsole.isEmpty)

            await harness.interpreter.resume(&interview, answers: ["Code": .string(code == "999999" ? "000000" : "999999")])
            let messages = server.messages
            try #require(messages.count == 2, "a second text message after the wrong code, got \(messages.count)")
            let second = try #require(FlowHarness.codes(in: messages[1].body).first)
            await harness.interpreter.resume(&interview, answers: ["Code": .string(second)])
            #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "queued"]))
            #expect(harness.console.lines.isEmpty)
        }
    }

    @Test func whenTwilioRefusesTheFlowSaysSoAndEnds() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(
                status: 400,
                body:
                    #"{"code": 21211, "message": "The 'To' number +15555550100 is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}"#
            )
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: server.environment)
            var interview = try await harness.interpreter.start()
            let prompt = try #require(interview.status.prompt)
            #expect(prompt.elementName == "Not_Sent")
            #expect(
                prompt.fields.first?.text
                    == "<p>We could not send a code to •••• 0100: Twilio error 21211: The 'To' number +15555550100 is not a valid phone number. (HTTP 400) See https://www.twilio.com/docs/errors/21211</p><p>Try again later.</p>"
            )
            await harness.interpreter.resume(&interview, answers: [:])
            #expect(interview.status == .finished(outputs: ["Verified": false, "Status": "Failure"]))
        }
    }

    @Test func aUserWithoutAMobileNumberIsAskedForOneBeforeAnythingIsSent() async throws {
        let harness = try await FlowHarness(flow: "flows/sms2fa.xml")
        let interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": "005000000000002AAA"])
        #expect(interview.status.prompt?.elementName == "Ask_Phone")
        #expect(harness.console.lines.isEmpty)
    }

    @Test func theSeedFlowRunsUnchanged() async throws {
        let harness = try await FlowHarness(flow: "seeds/SMS_Two_Factor_Login.flow-meta.xml")
        var interview = try await harness.interpreter.start(inputs: ["LoginFlow_UserId": .string(Self.ada)])
        #expect(interview.status.prompt?.elementName == "Enter_Code")
        let first = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(first == "000000" ? "000001" : "000000")])
        #expect(interview.status.prompt?.elementName == "Enter_Code")
        let second = try #require(harness.codesShownOnConsole.last)
        await harness.interpreter.resume(&interview, answers: ["Code": .string(second)])
        #expect(interview.status == .finished(outputs: [:]))
        #expect(interview.value(of: "Status") == "delivered-to-console")
    }
}

/// Collects execution events, for tests that read the trace.
final class EventLog: ExecutionObserver {
    private let storage = Mutex<[ExecutionEvent]>([])
    func observe(_ event: ExecutionEvent) { storage.withLock { $0.append(event) } }
    var events: [ExecutionEvent] { storage.withLock { $0 } }
}

@Suite struct SecretsStayOutOfTracesTests {
    @Test func theCodeAppearsNowhereButTheSMSItself() async throws {
        try await withTwilioTestServer { server in
            let log = LogCapture()
            let events = EventLog()
            let harness = try await FlowHarness(flow: "flows/sms2fa.xml", environment: server.environment)
            var services = harness.interpreter.services
            services.logger = log.logger()
            services.observer = events
            let interpreter = Interpreter(flow: harness.interpreter.flow, services: services)
            var interview = try await interpreter.start()
            let firstMessage = try #require(server.messages.first)
            let first = try #require(FlowHarness.codes(in: firstMessage.body).first)
            await interpreter.resume(&interview, answers: ["Code": .string(first == "000000" ? "111111" : "000000")])
            let lastMessage = try #require(server.messages.last)
            let second = try #require(FlowHarness.codes(in: lastMessage.body).first)
            await interpreter.resume(&interview, answers: ["Code": .string(second)])
            #expect(interview.status == .finished(outputs: ["Verified": true, "Status": "queued"]))

            let trace = events.events.flatMap { event -> [String] in
                let data = (try? JSONEncoder().encode(event)) ?? Data()
                return [String(decoding: data, as: UTF8.self)]
            }
            #expect(trace.count > 10)
            #expect(trace.contains { $0.contains("Verify_Code") })
            for code in [first, second] {
                #expect(!trace.contains { $0.contains(code) }, "the trace shows a code")
                #expect(!log.text.contains(code), "the log shows a code")
                #expect(!harness.console.lines.contains { $0.contains(code) }, "the console shows a code")
            }
            #expect(!log.text.contains(TwilioTestServer.defaultAuthToken))
            #expect(
                events.events.contains(
                    .pluginCall(
                        element: "Verify_Code", plugin: "VerifyCode",
                        inputs: [.init(name: "CodeHash", value: "••••••"), .init(name: "Code", value: "••••••")],
                        outputs: [.init(name: "Matches", value: "true"), .init(name: "Reason", value: "\"ok\"")])))
        }
    }
}
