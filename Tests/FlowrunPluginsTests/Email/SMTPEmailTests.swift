import FlowrunCore
import FlowrunTestSupport
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import FlowrunPlugins

/// The SMTP client against a real server (aiosmtpd) that requires STARTTLS and AUTH.
@Suite("SMTP email", .serialized) struct SMTPEmailTests {
    @Test func aCodeGoesOutOverSTARTTLSWithAuthentication() async throws {
        try await withSMTPTestServer { server in
            let harness = SMSHarness()
            let result = try await EmailCodePlugin(environment: server.environment).invoke(
                PluginRequest(inputs: ["To": "grace@example.com", "Subject": "Your Acme code"]), context: harness.context)
            #expect(result.outputs["Status"] == "sent")
            #expect(result.outputs["StatusMessage"] == .string("accepted by the SMTP server at localhost:\(server.port)"))
            let code = try #require(result.outputs["VerificationCode"]?.stringValue)

            let messages = try server.messages
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.tls)
            #expect(message.authenticated)
            #expect(message.mailFrom == "login@acme.example")
            #expect(message.rcptTos == ["grace@example.com"])
            #expect(message.data.contains("Subject: Your Acme code\r\n"))
            #expect(message.data.contains("From: login@acme.example\r\n"))
            #expect(message.data.contains("To: grace@example.com\r\n"))
            #expect(message.data.contains("Content-Type: text/plain; charset=utf-8\r\n"))
            #expect(message.data.contains("\r\n\r\nYour verification code is: \(code)\r\n"))
            // The code went by email: nothing local shows it.
            #expect(harness.console.lines.isEmpty)
            #expect(!harness.logs.text.contains(code))
        }
    }

    @Test func aWrongPasswordIsAClearFailureThatNeverShowsThePassword() async throws {
        try await withSMTPTestServer { server in
            var environment = server.environment
            environment["FLOWRUN_SMTP_PASSWORD"] = "wrong-password-123"
            let harness = SMSHarness()
            let result = try await EmailCodePlugin(environment: environment).invoke(
                PluginRequest(inputs: ["To": "grace@example.com"]), context: harness.context)
            #expect(result.outputs["Status"] == "Failure")
            let message = try #require(result.outputs["StatusMessage"]?.stringValue)
            #expect(
                message.hasPrefix(
                    "the SMTP server refused authentication (check FLOWRUN_SMTP_USERNAME and FLOWRUN_SMTP_PASSWORD): 535"))
            #expect(!message.contains("wrong-password-123"))
            #expect(!harness.logs.text.contains("wrong-password-123"))
            #expect(try server.messages.isEmpty)
        }
    }

    @Test func aRefusedRecipientIsAClearFailure() async throws {
        try await withSMTPTestServer { server in
            let result = try await EmailCodePlugin(environment: server.environment).invoke(
                PluginRequest(inputs: ["To": "refuse-me@example.com"]), context: SMSHarness().context)
            #expect(result.outputs["Status"] == "Failure")
            #expect(
                result.outputs["StatusMessage"]
                    == "the SMTP server refused the recipient <refuse-me@example.com>: 550 5.1.1 mailbox unavailable")
        }
    }

    @Test func aCertificateThatIsNotTrustedStopsTheSend() async throws {
        try await withSMTPTestServer { server in
            var environment = server.environment
            environment["FLOWRUN_SMTP_CA_FILE"] = nil
            let result = try await EmailCodePlugin(environment: environment).invoke(
                PluginRequest(inputs: ["To": "grace@example.com"]), context: SMSHarness().context)
            #expect(result.outputs["Status"] == "Failure")
            let message = try #require(result.outputs["StatusMessage"]?.stringValue)
            #expect(message.hasPrefix("TLS with the SMTP server at localhost:\(server.port) failed"), "\(message)")
            #expect(try server.messages.isEmpty)
        }
    }

    @Test func emailSimpleSendsToEveryAddress() async throws {
        try await withSMTPTestServer { server in
            let plugin = EmailSimplePlugin(environment: server.environment)
            let result = try await plugin.invoke(
                PluginRequest(inputs: [
                    "emailAddresses": "ada@example.com, grace@example.com", "emailSubject": "Quarterly report",
                    "emailBody": "Line one\n.line starting with a dot", "senderAddress": "reports@acme.example",
                ]),
                context: SMSHarness().context)
            #expect(result.outputs.isEmpty)
            let message = try #require(try server.messages.first)
            #expect(message.mailFrom == "reports@acme.example")
            #expect(message.rcptTos == ["ada@example.com", "grace@example.com"])
            // Dot-stuffing undone by the server: the line arrives as written.
            #expect(message.data.hasSuffix("\r\n\r\nLine one\r\n.line starting with a dot\r\n"))
        }
    }

    @Test func emailSimpleFaultsWhenTheServerRefuses() async throws {
        try await withSMTPTestServer { server in
            let error = await #expect(throws: EmailSendFailure.self) {
                try await EmailSimplePlugin(environment: server.environment).invoke(
                    PluginRequest(inputs: ["emailAddresses": "refuse@example.com", "emailSubject": "Hi", "emailBody": "Hello"]),
                    context: SMSHarness().context)
            }
            #expect(
                error?.reason
                    == "the email was not sent: the SMTP server refused the recipient <refuse@example.com>: 550 5.1.1 mailbox unavailable")
        }
    }

    @Test func aServerThatIsNotThereIsAClearFailure() async throws {
        // A port that was just free: bind, note it, close.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        try await listener.close()
        let result = try await EmailCodePlugin(
            environment: ["FLOWRUN_SMTP_HOST": "127.0.0.1", "FLOWRUN_SMTP_PORT": String(port)]
        ).invoke(PluginRequest(inputs: ["To": "grace@example.com"]), context: SMSHarness().context)
        #expect(result.outputs["Status"] == "Failure")
        let message = try #require(result.outputs["StatusMessage"]?.stringValue)
        #expect(message.hasPrefix("could not connect to the SMTP server at 127.0.0.1:\(port)"), "\(message)")
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // Accepts connections and says nothing.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        let result = try await EmailCodePlugin(
            environment: ["FLOWRUN_SMTP_HOST": "127.0.0.1", "FLOWRUN_SMTP_PORT": String(port), "FLOWRUN_SMTP_TIMEOUT": "1"]
        ).invoke(PluginRequest(inputs: ["To": "grace@example.com"]), context: SMSHarness().context)
        try await silent.close()
        #expect(result.outputs["Status"] == "Failure")
        #expect(result.outputs["StatusMessage"] == .string("timed out after 1 s talking to the SMTP server at 127.0.0.1:\(port)"))
    }

    @Test(arguments: [
        (
            ["FLOWRUN_SMTP_HOST": "mail.example.com", "FLOWRUN_SMTP_SECURITY": "ssl"],
            "FLOWRUN_SMTP_SECURITY is \"ssl\": use starttls, tls or none"
        ),
        (
            ["FLOWRUN_SMTP_HOST": "mail.example.com", "FLOWRUN_SMTP_PORT": "99999"],
            "FLOWRUN_SMTP_PORT is \"99999\": expected a port number"
        ),
        (
            ["FLOWRUN_SMTP_HOST": "mail.example.com", "FLOWRUN_SMTP_USERNAME": "me"],
            "set both FLOWRUN_SMTP_USERNAME and FLOWRUN_SMTP_PASSWORD, or neither"
        ),
    ])
    func badSettingsSayWhichVariable(environment: [String: String], reason: String) async throws {
        let result = try await EmailCodePlugin(environment: environment).invoke(
            PluginRequest(inputs: ["To": "grace@example.com"]), context: SMSHarness().context)
        #expect(result.outputs["Status"] == "Failure")
        #expect(result.outputs["StatusMessage"] == .string(reason))
    }

    @Test(arguments: ["grace@example.com\r\nBcc: x@example.com", "Grace <grace@example.com>", "grace", "grace@"])
    func anAddressThatCouldInjectIsRefused(address: String) async throws {
        let result = try await EmailCodePlugin(transport: OutboxEmailTransport(outbox: DevelopmentOutbox(directory: Self.scratch())))
            .invoke(PluginRequest(inputs: ["To": .string(address)]), context: SMSHarness().context)
        #expect(result.outputs["Status"] == "Failure")
        #expect(result.outputs["StatusMessage"] == .string("\"\(address)\" is not an email address (expected name@domain)"))
    }

    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-outbox-\(UUID().uuidString)")
    }
}

/// A server that answers STARTTLS with "220" and, in the same plain-text write, a forged reply,
/// as a man in the middle would (RFC 3207 §6).
private final class InjectingSMTPServer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        send("220 mail.example.com ESMTP\r\n", context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let text = String(buffer: unwrapInboundIn(data)).uppercased()
        if text.hasPrefix("EHLO") {
            send("250-mail.example.com\r\n250 STARTTLS\r\n", context: context)
        } else if text.hasPrefix("STARTTLS") {
            send("220 Ready to start TLS\r\n250 AUTH PLAIN\r\n", context: context)
        }
    }

    private func send(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }
}

extension SMTPEmailTests {
    @Test func plainTextInjectedAfterSTARTTLSIsRefused() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(InjectingSMTPServer()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let result = try await EmailCodePlugin(
            environment: ["FLOWRUN_SMTP_HOST": "127.0.0.1", "FLOWRUN_SMTP_PORT": String(port), "FLOWRUN_SMTP_TIMEOUT": "10"]
        ).invoke(PluginRequest(inputs: ["To": "grace@example.com"]), context: SMSHarness().context)
        try await server.close()
        #expect(result.outputs["Status"] == "Failure")
        #expect(
            result.outputs["StatusMessage"]
                == .string(
                    "the SMTP server at 127.0.0.1:\(port) sent more after agreeing to STARTTLS; that text is not trusted (RFC 3207), so nothing was sent"
                ))
    }
}
