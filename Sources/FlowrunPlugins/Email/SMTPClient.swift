import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS (RFC 3207) or TLS from the start,
/// AUTH PLAIN or LOGIN (RFC 4954) only over TLS, then MAIL, RCPT, DATA and QUIT.
///
/// Everything is under one deadline (`SMTPSettings.timeout`), connection and TLS handshake
/// included; when it passes, the connection is closed and the send fails with a clear reason.
struct SMTPClient: Sendable {
    var settings: SMTPSettings
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// Sends `rendered` (an RFC 5322 message with CRLF line ends) from `message.from` to `message.to`.
    func send(_ message: EmailMessage, rendered: String) async throws(EmailSendFailure) {
        let where_ = "\(settings.host):\(settings.port)"
        do {
            let tls = try settings.security == .none ? nil : makeTLSContext()
            try await Self.withDeadline(settings.timeout, what: "talking to the SMTP server at \(where_)") {
                try await self.converse(message, rendered: rendered, tls: tls)
            }
        } catch let failure as EmailSendFailure {
            throw failure
        } catch let error as NIOSSLError {
            throw EmailSendFailure("TLS with the SMTP server at \(where_) failed: \(error)")
        } catch let error as BoringSSLError {
            throw EmailSendFailure("TLS with the SMTP server at \(where_) failed: \(error)")
        } catch ChannelError.connectTimeout {
            throw EmailSendFailure("timed out connecting to the SMTP server at \(where_)")
        } catch let error as NIOConnectionError {
            let reason = error.connectionErrors.first.map { "\($0.error)" } ?? "no address for \(settings.host)"
            throw EmailSendFailure("could not connect to the SMTP server at \(where_) (\(reason))")
        } catch {
            throw EmailSendFailure("could not talk to the SMTP server at \(where_): \(error)")
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    private func converse(_ message: EmailMessage, rendered: String, tls: NIOSSLContext?) async throws {
        let serverName = Self.serverName(for: settings.host)
        let implicitTLS = settings.security == .tls ? tls : nil
        let ledger = SMTPLineLedger()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(ledger: ledger)))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(lines: inbound.makeAsyncIterator(), outbound: outbound)
                try await run(&session, message: message, rendered: rendered, tls: tls, channel: channel.channel, ledger: ledger)
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
    }

    private func run(
        _ session: inout SMTPSession, message: EmailMessage, rendered: String, tls: NIOSSLContext?, channel: any Channel,
        ledger: SMTPLineLedger
    ) async throws {
        let greeting = try await session.reply()
        guard greeting.code == 220 else {
            throw EmailSendFailure("the SMTP server refused the connection: \(greeting.summary)")
        }
        var capabilities = try await session.command("EHLO \(settings.clientName)", expecting: [250], what: "EHLO")
        if settings.security == .startTLS, let tls {
            guard capabilities.extensions["STARTTLS"] != nil else {
                throw EmailSendFailure(
                    "the SMTP server at \(settings.host):\(settings.port) does not offer STARTTLS; set FLOWRUN_SMTP_SECURITY to tls (or none, for a server you trust on this machine)"
                )
            }
            try await session.command("STARTTLS", expecting: [220], what: "STARTTLS")
            let serverName = Self.serverName(for: settings.host)
            let linesRead = session.linesRead
            let place = "\(settings.host):\(settings.port)"
            // On the event loop, so nothing arrives between the check and the switch. Closest to
            // the socket, so everything from here on, both ways, is encrypted.
            try await channel.eventLoop.submit {
                guard ledger.isDrained(consumedLines: linesRead) else {
                    throw EmailSendFailure(
                        "the SMTP server at \(place) sent more after agreeing to STARTTLS; that text is not trusted (RFC 3207), so nothing was sent"
                    )
                }
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
            }.get()
            // RFC 3207: forget what was learnt before TLS and ask again.
            capabilities = try await session.command("EHLO \(settings.clientName)", expecting: [250], what: "EHLO")
        }
        if let username = settings.username, let password = settings.password {
            try await authenticate(&session, username: username, password: password, offered: capabilities.extensions["AUTH"] ?? [])
        }
        let eightBit = capabilities.extensions["8BITMIME"] != nil ? " BODY=8BITMIME" : ""
        try await session.command("MAIL FROM:<\(message.from)>\(eightBit)", expecting: [250], what: "the sender <\(message.from)>")
        for recipient in message.to {
            try await session.command("RCPT TO:<\(recipient)>", expecting: [250, 251], what: "the recipient <\(recipient)>")
        }
        try await session.command("DATA", expecting: [354], what: "DATA")
        let accepted = try await session.data(rendered)
        guard accepted.code == 250 else {
            throw EmailSendFailure("the SMTP server refused the message: \(accepted.summary)")
        }
        // The message is delivered; a server that hangs up instead of answering QUIT changes nothing.
        _ = try? await session.command("QUIT", expecting: [221], what: "QUIT")
    }

    private func authenticate(
        _ session: inout SMTPSession, username: String, password: String, offered: [String]
    ) async throws {
        if offered.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await session.command(
                "AUTH PLAIN \(token)", expecting: [235], what: "authentication (check FLOWRUN_SMTP_USERNAME and FLOWRUN_SMTP_PASSWORD)")
        } else if offered.contains("LOGIN") {
            try await session.command("AUTH LOGIN", expecting: [334], what: "authentication")
            try await session.command(Data(username.utf8).base64EncodedString(), expecting: [334], what: "authentication")
            try await session.command(
                Data(password.utf8).base64EncodedString(), expecting: [235],
                what: "authentication (check FLOWRUN_SMTP_USERNAME and FLOWRUN_SMTP_PASSWORD)")
        } else {
            let list = offered.isEmpty ? "none" : offered.joined(separator: ", ")
            throw EmailSendFailure(
                "the SMTP server offers no authentication flowrun speaks (PLAIN or LOGIN; it offers \(list))")
        }
    }

    /// The name to check the certificate against and send as SNI; nil for an IP address, which
    /// SNI cannot carry.
    static func serverName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Runs `body`, cancelling it (which closes the connection) when `timeout` passes first.
    static func withDeadline(
        _ timeout: Duration, what: String, _ body: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw EmailSendFailure("timed out after \(timeout.components.seconds) s \(what)")
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }
}
