import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

@Suite("SMS through TeleSign (local TeleSign test server)")
struct TeleSignSMSTests {
    @Test("Vendor TeleSign: status 290 is success, and the server got digits-only phone_number, message, OTP")
    func success() async throws {
        try await withTeleSignTestServer { server in
            let harness = SMSHarness()
            let outputs = try await harness.invoke(
                SMSPlugin(environment: server.environment), ["To": "+1 555-555-0100", "Vendor": "TeleSign"]
            )
            #expect(outputs.status == "Message in progress")
            #expect(outputs.verificationCode == "846377")
            let message = try #require(server.messages.first)
            #expect(message.phoneNumber == "15555550100")
            #expect(message.message == "Your verification code is: 846377")
            #expect(message.messageType == "OTP")
            #expect(outputs.statusMessage == "TeleSign accepted message \(message.referenceID) with status 290 (Message in progress)")
            let request = try #require(server.requests.first)
            #expect(request.authUser == TeleSignTestServer.defaultCustomerID)
            #expect(request.contentType == "application/x-www-form-urlencoded")
            #expect(request.rawBody == "phone_number=15555550100&message=Your%20verification%20code%20is%3A%20846377&message_type=OTP")
        }
    }

    @Test("FLOWRUN_SMS_VENDOR picks TeleSign when the call gives no Vendor; the input wins over it")
    func environmentVendor() async throws {
        try await withTeleSignTestServer { server in
            var environment = server.environment
            environment["FLOWRUN_SMS_VENDOR"] = "telesign"
            let viaEnvironment = try await SMSHarness().invoke(SMSPlugin(environment: environment), ["To": "+15555550100"])
            #expect(viaEnvironment.status == "Message in progress")

            let harness = SMSHarness()
            let viaInput = try await harness.invoke(SMSPlugin(environment: environment), ["To": "+15555550100", "Vendor": "Twilio"])
            #expect(viaInput.status == ConsoleSMSTransport.status)  // no Twilio credentials: the console
            #expect(server.messages.count == 1)
        }
    }

    @Test("wrong API key: HTTP 401, Failure with TeleSign's reason")
    func authFailure() async throws {
        try await withTeleSignTestServer { server in
            var environment = server.environment
            environment["TELESIGN_API_KEY"] = "d3Jvbmcta2V5"
            let outputs = try await SMSHarness().invoke(SMSPlugin(environment: environment), ["To": "+15555550100", "Vendor": "TeleSign"])
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "TeleSign error -30015 Invalid API Key. (status 501 Not authorized, HTTP 401)")
            #expect(server.requests.map(\.authenticated) == [false])
            #expect(server.messages.isEmpty)
        }
    }

    @Test("a non-success status code in a 200 answer is Failure with the reason")
    func errorStatus() async throws {
        try await withTeleSignTestServer { server in
            server.respondNext(
                status: 200,
                body:
                    #"{"reference_id":"0123456789ABCDEF0123456789ABCDEF","status":{"code":230,"description":"Message blocked by TeleSign"}}"#
            )
            let outputs = try await SMSHarness().invoke(
                SMSPlugin(environment: server.environment), ["To": "+15555550100", "Vendor": "TeleSign"])
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "TeleSign status 230 Message blocked by TeleSign (HTTP 200)")
        }
    }

    @Test("an invalid phone number: the server's parameter error is the reason")
    func invalidNumber() async throws {
        try await withTeleSignTestServer { server in
            let outputs = try await SMSHarness().invoke(SMSPlugin(environment: server.environment), ["To": "+1 555", "Vendor": "TeleSign"])
            #expect(outputs.status == "Failure")
            #expect(
                outputs.statusMessage
                    == "TeleSign error -10001 Invalid parameter passed (status 11000 Invalid value for parameter phone_number., HTTP 400)"
            )
        }
    }

    @Test("the API key never appears in logs or outputs, even when a server echoes it")
    func apiKeyNeverLeaks() async throws {
        try await withTeleSignTestServer { server in
            let key = server.apiKey
            let bodies = [
                nil,
                #"{"status":{"code":501,"description":"Not authorized"},"errors":[{"code":-30015,"description":"bad key \#(key)"}]}"#,
                "<html>\(key)</html>",
            ]
            for body in bodies {
                if let body { server.respondNext(status: 401, body: body) }
                let harness = SMSHarness()
                let outputs = try await harness.invoke(
                    SMSPlugin(environment: server.environment), ["To": "+15555550100", "Vendor": "TeleSign"])
                let texts = [outputs.status, outputs.statusMessage, outputs.verificationCode].compactMap { $0 }
                #expect(!harness.logs.entries.isEmpty)
                #expect(!harness.logs.text.contains(key))
                #expect(texts.allSatisfy { !$0.contains(key) })
                #expect(!harness.logs.text.contains("846377"))
            }
            let settings = TeleSignSettings(environment: server.environment)
            #expect(!"\(settings)".contains(key))
            #expect(!String(reflecting: settings).contains(key))
        }
    }

    @Test("missing TeleSign credentials or an unknown vendor: Failure, nothing sent, no console fallback")
    func misconfigured() async throws {
        let cases: [([String: String], String, String)] = [
            ([:], "TeleSign", "no TeleSign customer ID: set TELESIGN_CUSTOMER_ID"),
            (["TELESIGN_CUSTOMER_ID": "x"], "TeleSign", "no TeleSign API key: set TELESIGN_API_KEY"),
            ([:], "Nexmo", "unknown SMS vendor \"Nexmo\": use Twilio or TeleSign"),
        ]
        for (environment, vendor, reason) in cases {
            let harness = SMSHarness()
            let outputs = try await harness.invoke(SMSPlugin(environment: environment), ["To": "+15555550100", "Vendor": .string(vendor)])
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == reason)
            #expect(harness.console.lines.isEmpty)
        }
    }
}
