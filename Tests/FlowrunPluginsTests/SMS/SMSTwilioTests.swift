import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

@Suite("SMS through Twilio (local Twilio test server)")
struct SMSTwilioTests {
    @Test("inputs give the credentials: queued, and the server got To, From, Body and Basic auth intact")
    func success() async throws {
        try await withTwilioTestServer { server in
            let plugin = SMSPlugin(environment: ["TWILIO_API_BASE_URL": server.baseURL])
            let harness = SMSHarness()
            let outputs = try await harness.invoke(
                plugin,
                [
                    "AccountSid": .string(server.accountSid), "Token": .string(server.authToken),
                    "To": .string(SMSFixtures.to), "From": "+15005550006", "Message": "Acme code & more: ",
                ]
            )
            let code = try #require(outputs.verificationCode)

            #expect(outputs.status == "queued")
            let message = try #require(server.messages.first)
            #expect(server.messages.count == 1)
            #expect(message.to == "+15555550100")
            #expect(message.from == "+15005550006")
            #expect(message.body == "Acme code & more: \(code)")
            #expect(message.authUser == TwilioTestServer.defaultAccountSid)
            #expect(message.accountSid == TwilioTestServer.defaultAccountSid)
            #expect(outputs.statusMessage == "Twilio accepted message \(message.sid) with status queued")
            #expect(harness.console.lines.isEmpty)

            let request = try #require(server.requests.first)
            #expect(request.contentType == "application/x-www-form-urlencoded")
            #expect(request.rawBody.hasPrefix("To=%2B15555550100&From=%2B15005550006&Body=Acme%20code%20%26%20more%3A%20"))
        }
    }

    @Test("blank AccountSid, Token and From fall back to TWILIO_* from the environment")
    func environmentFallback() async throws {
        try await withTwilioTestServer { server in
            let plugin = SMSPlugin(environment: server.environment)
            let outputs = try await SMSHarness().invoke(
                plugin, ["AccountSid": "", "Token": "  ", "To": .string(SMSFixtures.to), "From": .null]
            )
            #expect(outputs.status == "queued")
            #expect(server.messages.map(\.from) == ["+15005550006"])
            #expect(server.messages.map(\.authUser) == [TwilioTestServer.defaultAccountSid])
        }
    }

    @Test("inputs win over the environment")
    func inputsOverrideEnvironment() async throws {
        let otherSid = "AC" + String(repeating: "b", count: 32)
        try await withTwilioTestServer(accountSid: otherSid, authToken: "other-token") { server in
            var environment = server.environment
            environment["TWILIO_ACCOUNT_SID"] = TwilioTestServer.defaultAccountSid
            environment["TWILIO_AUTH_TOKEN"] = "stale-token"
            let plugin = SMSPlugin(environment: environment)
            let outputs = try await SMSHarness().invoke(
                plugin,
                ["AccountSid": .string(otherSid), "Token": "other-token", "To": .string(SMSFixtures.to), "From": "+15005550007"]
            )
            #expect(outputs.status == "queued")
            #expect(server.messages.map(\.from) == ["+15005550007"])
        }
    }

    @Test("Twilio error 21211 for a bad To: Failure, with Twilio's code and message")
    func invalidTo() async throws {
        try await withTwilioTestServer { server in
            let harness = SMSHarness()
            let outputs = try await harness.invoke(SMSPlugin(environment: server.environment), ["To": "5551234567"])
            #expect(outputs.status == "Failure")
            #expect(
                outputs.statusMessage
                    == "Twilio error 21211: The 'To' number 5551234567 is not a valid phone number. (HTTP 400) "
                    + "See https://www.twilio.com/docs/errors/21211"
            )
            #expect(outputs.verificationCode?.count == 6)
            #expect(server.messages.isEmpty)
            let warning = try #require(harness.logs.entries.first { $0.level == .warning })
            #expect(warning.metadata["reason"] == outputs.statusMessage)
            #expect(warning.metadata["element"] == "Send_SMS")
        }
    }

    @Test("wrong credentials: 401 with code 20003, Failure")
    func wrongToken() async throws {
        try await withTwilioTestServer { server in
            let outputs = try await SMSHarness().invoke(
                SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to), "Token": "wrong-token"]
            )
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage?.hasPrefix("Twilio error 20003: Authenticate (HTTP 401)") == true)
            #expect(server.requests.map(\.authenticated) == [false])
        }
    }

    @Test("the errors-array error shape is read too")
    func errorsArray() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(status: 429, body: #"{"errors":[{"code":20429,"message":"Too many requests"}]}"#)
            let outputs = try await SMSHarness().invoke(SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to)])
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "Twilio error 20429: Too many requests (HTTP 429)")
        }
    }

    @Test("a non-JSON error body: Failure that names the status, not the body")
    func nonJSONError() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html")
            let outputs = try await SMSHarness().invoke(SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to)])
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "Twilio answered HTTP 502 with a text/html body of 24 bytes that is not Twilio error JSON")
        }
    }

    @Test("a 2xx answer that is not a message resource: Failure")
    func successWithoutStatus() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(status: 201, body: "{}")
            let outputs = try await SMSHarness().invoke(SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to)])
            #expect(outputs.status == "Failure")
            #expect(
                outputs.statusMessage == "Twilio answered HTTP 201 with a body that is not a Twilio Message resource (no sid and status)")
        }
    }

    @Test("a slow server: Failure after the configured timeout, and the test ends quickly")
    func timeout() async throws {
        try await withTwilioTestServer { server in
            server.delayNextRequest(by: .seconds(30))
            let plugin = SMSPlugin(environment: server.environment, timeout: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            let outputs = try await SMSHarness().invoke(plugin, ["To": .string(SMSFixtures.to)])
            #expect(clock.now - start < .seconds(5))
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "could not reach \(server.baseURL) (timeout after 0.3 s)")
        }
    }

    @Test("nothing listening on the port: Failure, could not reach")
    func unreachable() async throws {
        // A port that was just free: start a server, note its port, stop it.
        let server = TwilioTestServer()
        try await server.start()
        let environment = server.environment
        await server.stop()

        let plugin = SMSPlugin(environment: environment, timeout: .seconds(2))
        let outputs = try await SMSHarness().invoke(plugin, ["To": .string(SMSFixtures.to)])
        #expect(outputs.status == "Failure")
        let message = try #require(outputs.statusMessage)
        // AsyncHTTPClient retries a refused connection until the deadline, then reports why.
        #expect(message == "could not reach \(environment["TWILIO_API_BASE_URL"] ?? "?") (connection refused)")
    }

    @Test("a malformed AccountSid fails before any request is made")
    func invalidAccountSid() async throws {
        try await withTwilioTestServer { server in
            let outputs = try await SMSHarness().invoke(
                SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to), "AccountSid": "AC123"]
            )
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == "the Twilio AccountSid is not valid: it must be \"AC\" followed by 32 hexadecimal digits")
            #expect(server.requests.isEmpty)
        }
    }

    @Test("half-given credentials fail with what is missing, never falling back to the console")
    func missingCredentials() async throws {
        let cases: [([String: String], [String: FlowValue], String)] = [
            (
                [:], ["AccountSid": .string(TwilioTestServer.defaultAccountSid)],
                "no Twilio Auth Token: give the Token input or set TWILIO_AUTH_TOKEN"
            ),
            (
                ["TWILIO_AUTH_TOKEN": "token"], [:],
                "no Twilio Account SID: give the AccountSid input or set TWILIO_ACCOUNT_SID"
            ),
            (
                ["TWILIO_AUTH_TOKEN": "token", "TWILIO_ACCOUNT_SID": TwilioTestServer.defaultAccountSid], [:],
                "no sender number: give the From input or set TWILIO_FROM_NUMBER"
            ),
        ]
        for (environment, inputs, expected) in cases {
            let harness = SMSHarness()
            let outputs = try await harness.invoke(
                SMSPlugin(environment: environment), inputs.merging(["To": .string(SMSFixtures.to)]) { $1 }
            )
            #expect(outputs.status == "Failure")
            #expect(outputs.statusMessage == expected)
            #expect(harness.console.lines.isEmpty)
        }
    }

    @Test("an unusable TWILIO_API_BASE_URL is a Failure, not a crash")
    func invalidBaseURL() async throws {
        var environment = ["TWILIO_ACCOUNT_SID": TwilioTestServer.defaultAccountSid, "TWILIO_AUTH_TOKEN": "t"]
        environment["TWILIO_FROM_NUMBER"] = "+15005550006"
        environment["TWILIO_API_BASE_URL"] = "ftp://example.com"
        let outputs = try await SMSHarness().invoke(SMSPlugin(environment: environment), ["To": .string(SMSFixtures.to)])
        #expect(outputs.status == "Failure")
        #expect(outputs.statusMessage?.contains("TWILIO_API_BASE_URL") == true)
    }
}
