import FlowrunPlugins
import FlowrunTestSupport
import Testing

/// The test server itself answers as Twilio does, checked through the real client.
@Suite("Twilio test server")
struct TwilioTestServerTests {
    let credentials = TwilioCredentials(accountSid: TwilioTestServer.defaultAccountSid, authToken: TwilioTestServer.defaultAuthToken)

    @Test("a created message has Twilio's shape: SM sid, queued, the numbers echoed")
    func created() async throws {
        try await withTwilioTestServer { server in
            let client = TwilioMessagingClient(baseURL: server.baseURL)
            let message = try await client.createMessage(to: "+447700900123", from: "+15005550006", body: "hi", credentials: credentials)
            #expect(message.status == "queued")
            #expect(message.sid.hasPrefix("SM") && message.sid.count == 34)
            #expect(message.to == "+447700900123")
            #expect(message.from == "+15005550006")
            #expect(server.messages.map(\.sid) == [message.sid])
        }
    }

    @Test(
        "required fields are checked with Twilio's codes",
        arguments: [
            ("", "+15005550006", "hi", 21604),
            ("+15555550100", "", "hi", 21603),
            ("+15555550100", "+15005550006", "", 21602),
            ("0044 7700", "+15005550006", "hi", 21211),
        ])
    func validation(to: String, from: String, body: String, code: Int) async throws {
        try await withTwilioTestServer { server in
            let client = TwilioMessagingClient(baseURL: server.baseURL)
            let error = await #expect(throws: TwilioError.self) {
                try await client.createMessage(to: to, from: from, body: body, credentials: credentials)
            }
            #expect(error?.twilioCode == code)
            #expect(server.messages.isEmpty)
            #expect(server.requests.count == 1)
        }
    }

    @Test("credentials for another account are refused with 20003")
    func wrongAccount() async throws {
        try await withTwilioTestServer { server in
            let client = TwilioMessagingClient(baseURL: server.baseURL)
            let other = TwilioCredentials(accountSid: "AC" + String(repeating: "0", count: 32), authToken: server.authToken)
            let error = await #expect(throws: TwilioError.self) {
                try await client.createMessage(to: "+15555550100", from: "+15005550006", body: "hi", credentials: other)
            }
            #expect(error?.twilioCode == 20003)  // the Basic user is the path SID, so auth fails first
        }
    }

    @Test("scripted failures are used once, in order, then normal answers resume")
    func scriptedOnce() async throws {
        try await withTwilioTestServer { server in
            server.failNextRequest(status: 503, body: "down", contentType: "text/plain")
            let client = TwilioMessagingClient(baseURL: server.baseURL)
            await #expect(throws: TwilioError.self) {
                try await client.createMessage(to: "+15555550100", from: "+15005550006", body: "hi", credentials: credentials)
            }
            let message = try await client.createMessage(to: "+15555550100", from: "+15005550006", body: "hi", credentials: credentials)
            #expect(message.status == "queued")
        }
    }
}
