import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

/// Seed 2026 gives the code 846377 (SplitMix64 then Lemire's method, computed independently).
enum VoiceFixtures {
    static let to = "+15555550100"
    static let seededCode = "846377"
    static let seededTwiML =
        "<Response><Say>Your verification code is: 8, 4, 6, 3, 7, 7.</Say><Pause length=\"1\"/>"
        + "<Say>Your verification code is: 8, 4, 6, 3, 7, 7.</Say></Response>"
}

@Suite("VoiceCodePlugin (Twilio Calls)")
struct VoiceCodeTests {
    func invoke(_ plugin: VoiceCodePlugin, _ inputs: [String: FlowValue], harness: SMSHarness = SMSHarness()) async throws -> SMSOutputs {
        let context = PluginContext(
            clock: SystemClock(), random: harness.random, console: harness.console, logger: harness.logs.logger(),
            elementName: "Call_Code"
        )
        return SMSOutputs(try await plugin.invoke(PluginRequest(inputs: inputs), context: context))
    }

    @Test("TwiML: the message, the digits one by one, said twice, XML-escaped")
    func twiml() {
        #expect(VoiceCodeTwiML.twiml(message: "Your verification code is", code: "846377") == VoiceFixtures.seededTwiML)
        #expect(
            VoiceCodeTwiML.twiml(message: "Acme & <Co> \"login\": ", code: "012")
                == "<Response><Say>Acme &amp; &lt;Co&gt; &quot;login&quot;: 0, 1, 2.</Say><Pause length=\"1\"/>"
                + "<Say>Acme &amp; &lt;Co&gt; &quot;login&quot;: 0, 1, 2.</Say></Response>"
        )
    }

    @Test("success: queued, and Twilio got To, From and the exact TwiML for the seeded code")
    func success() async throws {
        try await withTwilioTestServer { server in
            let harness = SMSHarness()
            let outputs = try await invoke(
                VoiceCodePlugin(environment: server.environment), ["To": .string(VoiceFixtures.to)], harness: harness)
            #expect(outputs.status == "queued")
            #expect(outputs.verificationCode == VoiceFixtures.seededCode)
            let call = try #require(server.calls.first)
            #expect(server.calls.count == 1)
            #expect(call.to == "+15555550100")
            #expect(call.from == "+15005550006")
            #expect(call.twiml == VoiceFixtures.seededTwiML)
            #expect(call.sid.hasPrefix("CA") && call.sid.count == 34)
            #expect(outputs.statusMessage == "Twilio accepted call \(call.sid) with status queued")
            let request = try #require(server.requests.first)
            #expect(request.resource == "Calls.json")
            #expect(request.rawBody.hasPrefix("To=%2B15555550100&From=%2B15005550006&Twiml=%3CResponse%3E%3CSay%3EYour%20"))
            #expect(server.messages.isEmpty)
            #expect(harness.console.lines.isEmpty)
            #expect(!harness.logs.text.contains(VoiceFixtures.seededCode))
        }
    }

    @Test("a Twilio error is Failure with Twilio's words; the code and token stay out")
    func twilioError() async throws {
        try await withTwilioTestServer { server in
            let harness = SMSHarness()
            let outputs = try await invoke(
                VoiceCodePlugin(environment: server.environment), ["To": .string(VoiceFixtures.to), "Token": "wrong-token"],
                harness: harness
            )
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage?.hasPrefix("Twilio error 20003: Authenticate (HTTP 401)") == true)
            #expect(server.calls.isEmpty)
            #expect(!harness.logs.text.contains("wrong-token"))
        }
    }

    @Test("an error body echoing the TwiML is masked: neither the code nor its spoken form leaks")
    func echoedTwiML() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(
                status: 400, body: #"{"code":13520,"message":"bad Say: 8, 4, 6, 3, 7, 7 (846377)"}"#
            )
            let harness = SMSHarness()
            let outputs = try await invoke(
                VoiceCodePlugin(environment: server.environment), ["To": .string(VoiceFixtures.to)], harness: harness)
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "Twilio error 13520: bad Say: ****** (******) (HTTP 400)")
            #expect(!harness.logs.text.contains("846377"))
        }
    }

    @Test("no Twilio credentials: the call is shown on the console")
    func console() async throws {
        let harness = SMSHarness()
        let outputs = try await invoke(
            VoiceCodePlugin(environment: SMSFixtures.noTwilio), ["To": .string(VoiceFixtures.to)], harness: harness)
        #expect(outputs.status == "delivered-to-console")
        #expect(outputs.statusMessage == "shown on the development console; no call was placed")
        #expect(
            harness.console.lines == [
                "── Voice call (development console transport: no call was placed) ──",
                "To:      +15555550100",
                "Says:    Your verification code is: 8, 4, 6, 3, 7, 7. (twice)",
                "TwiML:   \(VoiceFixtures.seededTwiML)",
                "To place real calls through Twilio, set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.",
            ]
        )
    }

    @Test("a blank To or an oversized Message fails without calling")
    func refusals() async throws {
        let plugin = VoiceCodePlugin(environment: SMSFixtures.noTwilio)
        #expect(try await invoke(plugin, ["To": " "]).statusMessage == "no recipient: the To input is blank")
        let long = try await invoke(plugin, ["To": .string(VoiceFixtures.to), "Message": .string(String(repeating: "a", count: 2100))])
        #expect(long.status == "Failure")
        #expect(long.statusMessage?.hasPrefix("the Message input is too long") == true)
    }

    @Test("describe: the SMS plug-in's contract")
    func describe() {
        let description = VoiceCodePlugin(environment: [:]).describe()
        #expect(
            description.inputs.map { "\($0.name):\($0.required):\($0.isSecret)" } == [
                "AccountSid:false:false", "Token:false:true", "To:true:false", "From:false:false", "Message:false:false",
            ])
        #expect(
            description.outputs.map { "\($0.name):\($0.isSecret)" } == [
                "Status:false", "VerificationCode:true", "CodeHash:true", "StatusMessage:false",
            ])
    }
}
