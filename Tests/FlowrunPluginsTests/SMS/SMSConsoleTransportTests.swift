import FlowrunCore
import FlowrunPlugins
import Testing

@Suite("SMS console transport")
struct SMSConsoleTransportTests {
    let plugin = SMSPlugin(environment: SMSFixtures.noTwilio)

    @Test("with no Twilio credentials anywhere, the message goes to the console and says so")
    func writesMessage() async throws {
        let harness = SMSHarness()
        let outputs = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to)])
        let code = try #require(outputs.verificationCode)

        #expect(outputs.status == "delivered-to-console")
        #expect(outputs.status == ConsoleSMSTransport.status)
        #expect(outputs.statusMessage == "shown on the development console; no SMS was sent")
        #expect(
            harness.console.lines == [
                "── SMS (development console transport: not sent to a phone) ──",
                "To:      +15555550100",
                "Message: Your verification code is: \(code)",
                "To send real SMS through Twilio, set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.",
            ]
        )
    }

    @Test("a given Message and From are shown as sent; a multi-line message stays indented")
    func customMessage() async throws {
        let harness = SMSHarness()
        let outputs = try await harness.invoke(
            plugin, ["To": "+447700900123", "From": "+15005550006", "Message": "Acme login\nCode: "]
        )
        let code = try #require(outputs.verificationCode)
        #expect(harness.console.lines[1...3] == ["To:      +447700900123", "From:    +15005550006", "Message: Acme login"])
        #expect(harness.console.lines[4] == "         Code: \(code)")
    }

    @Test("a blank Message falls back to the seed's default", arguments: ["", "   ", "\n"])
    func blankMessage(message: String) async throws {
        let harness = SMSHarness()
        let outputs = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to), "Message": .string(message)])
        let code = try #require(outputs.verificationCode)
        #expect(harness.console.lines.contains("Message: Your verification code is: \(code)"))
    }

    @Test("a blank To fails without sending, and the code is still returned")
    func blankTo() async throws {
        let harness = SMSHarness()
        let outputs = try await harness.invoke(plugin, ["To": "  "])
        #expect(outputs.status == "Failure")
        #expect(outputs.statusMessage == "no recipient: the To input is blank")
        #expect(outputs.verificationCode?.count == 6)
        #expect(harness.console.lines.isEmpty)
        #expect(harness.logs.entries.map(\.level) == [.warning])
    }

    @Test("an injected transport is used as is")
    func injectedTransport() async throws {
        let harness = SMSHarness()
        let outputs = try await harness.invoke(SMSPlugin(transport: ConsoleSMSTransport()), ["To": "+15555550101"])
        #expect(outputs.status == "delivered-to-console")
        #expect(outputs.keys == ["Status", "VerificationCode", "CodeHash", "StatusMessage"])
    }
}
