import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

@Suite("SMS secrets stay out of logs and StatusMessage")
struct SMSSecretTests {
    @Test("on success and on every kind of failure, neither the code nor the token is logged or returned")
    func neverLeaks() async throws {
        try await withTwilioTestServer { server in
            let token = server.authToken
            // A server that echoes the whole request back, code and all, in its error message.
            let scripted: [(Int, String)] = [
                (0, ""),  // no script: a real success
                (400, #"{"code":21211,"message":"echo: Body=Your verification code is: CODE token=TOKEN"}"#),
                (500, "Body=CODE TOKEN"),
            ]
            for (status, body) in scripted {
                var harness = SMSHarness()
                harness.random = SeededRandomSource(seed: UInt64(status))
                let expectedCode = harness.random.digits(6)
                harness.random = SeededRandomSource(seed: UInt64(status))
                if status != 0 {
                    server.failNextRequest(
                        status: status,
                        body: body.replacingOccurrences(of: "CODE", with: expectedCode)
                            .replacingOccurrences(of: "TOKEN", with: token)
                    )
                }
                let outputs = try await harness.invoke(
                    SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to), "Token": .string(token)]
                )
                let code = try #require(outputs.verificationCode)
                #expect(code == expectedCode)
                #expect(!harness.logs.entries.isEmpty)
                #expect(!harness.logs.text.contains(code))
                #expect(!harness.logs.text.contains(token))
                let message = try #require(outputs.statusMessage)
                #expect(!message.contains(code))
                #expect(!message.contains(token))
            }
        }
    }

    @Test("a token held in the environment is masked too")
    func environmentTokenMasked() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(status: 400, body: #"{"code":1,"message":"bad token \#(server.authToken)"}"#)
            let harness = SMSHarness()
            let outputs = try await harness.invoke(SMSPlugin(environment: server.environment), ["To": .string(SMSFixtures.to)])
            #expect(outputs.statusMessage == "Twilio error 1: bad token ****** (HTTP 400)")
            #expect(!harness.logs.text.contains(server.authToken))
        }
    }

    @Test("describing the message, settings or credentials never shows the body or the token")
    func descriptions() {
        let message = SMSMessage(to: "+15555550100", body: "Your code is: 987650", authToken: "s3cret-token")
        let settings = TwilioSettings(environment: ["TWILIO_AUTH_TOKEN": "s3cret-token"])
        let credentials = TwilioCredentials(accountSid: TwilioTestServer.defaultAccountSid, authToken: "s3cret-token")
        for text in [
            "\(message)", String(reflecting: message), "\(settings)", String(reflecting: settings),
            "\(credentials)", String(reflecting: credentials), dumped(message), dumped(settings), dumped(credentials),
        ] {
            #expect(!text.contains("987650"))
            #expect(!text.contains("s3cret"))
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
