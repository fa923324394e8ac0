import FlowrunCore
import Foundation

/// Something that delivers one email: an SMTP server, or the development outbox folder.
///
/// A transport throws only ``EmailSendFailure``, whose reason reaches the flow and the log, so it
/// must never hold the body or a password.
public protocol EmailTransport: Sendable {
    func send(_ message: EmailMessage, context: PluginContext) async throws(EmailSendFailure) -> EmailReceipt

    /// The sender when a flow gives none.
    var defaultSender: String { get }

    /// Credentials the transport holds, masked in anything logged or returned.
    var heldSecrets: [String] { get }
}

extension EmailTransport {
    public var heldSecrets: [String] { [] }

    static func messageID(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return "\(Int(date.timeIntervalSince1970)).\(String(UInt64.random(in: .min ... .max, using: &generator), radix: 16))@flowrun.local"
    }
}

/// Email through an SMTP server (``SMTPClient``).
public struct SMTPEmailTransport: EmailTransport {
    public static let status = "sent"
    public var settings: SMTPSettings

    public init(settings: SMTPSettings) { self.settings = settings }

    public var defaultSender: String { settings.defaultSender }

    public var heldSecrets: [String] {
        guard let password = settings.password else { return [] }
        let plain = Data(([0] + Array((settings.username ?? "").utf8) + [0] + Array(password.utf8))).base64EncodedString()
        return [password, Data(password.utf8).base64EncodedString(), plain]
    }

    public func send(_ message: EmailMessage, context: PluginContext) async throws(EmailSendFailure) -> EmailReceipt {
        let message = try message.validated()
        let now = context.clock.now()
        let rendered = message.rendered(date: now, messageID: Self.messageID(at: now))
        try await SMTPClient(settings: settings).send(message, rendered: rendered)
        return EmailReceipt(
            status: Self.status, detail: "accepted by the SMTP server at \(settings.host):\(settings.port)")
    }
}

/// The development transport: each email becomes an `.eml` file in the outbox folder, and the
/// console says where (never what: the file is the only place the message, and any code in
/// it, is written).
public struct OutboxEmailTransport: EmailTransport {
    public static let status = "saved-to-outbox"
    public var outbox: DevelopmentOutbox
    public var defaultSender: String

    public init(outbox: DevelopmentOutbox, defaultSender: String = SMTPSettings.defaultSenderAddress) {
        self.outbox = outbox
        self.defaultSender = defaultSender
    }

    public func send(_ message: EmailMessage, context: PluginContext) async throws(EmailSendFailure) -> EmailReceipt {
        let message = try message.validated()
        let now = context.clock.now()
        let file: URL
        do {
            file = try outbox.saveEmail(message.rendered(date: now, messageID: Self.messageID(at: now)), at: now)
        } catch {
            throw EmailSendFailure("could not save the email in the outbox \(outbox.directory.path): \(error.localizedDescription)")
        }
        let console = context.console
        console.write("── Email (development outbox: not sent) ──")
        console.write("To:       \(message.to.joined(separator: ", "))")
        console.write("Subject:  \(message.subject)")
        console.write("Saved to: \(file.path)")
        console.write("To send real email, set FLOWRUN_SMTP_HOST (and FLOWRUN_SMTP_USERNAME, FLOWRUN_SMTP_PASSWORD).")
        return EmailReceipt(status: Self.status, detail: "saved to the development outbox; no email was sent")
    }
}

/// The transport the environment asks for: SMTP when `FLOWRUN_SMTP_HOST` is set, the outbox
/// when it is not. Settings that are wrong fail every send with the reason, rather than quietly
/// writing files where a real server was meant.
public struct ConfiguredEmailTransport: EmailTransport {
    enum Choice: Sendable {
        case smtp(SMTPEmailTransport)
        case outbox(OutboxEmailTransport)
        case misconfigured(EmailSendFailure)
    }

    let choice: Choice

    public init(environment: [String: String]) {
        switch SMTPSettings.from(environment: environment) {
        case .success(let settings)?: choice = .smtp(SMTPEmailTransport(settings: settings))
        case .failure(let failure)?: choice = .misconfigured(failure)
        case nil:
            let sender = environment["FLOWRUN_SMTP_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? SMTPSettings.defaultSenderAddress
            choice = .outbox(OutboxEmailTransport(outbox: .forEmail(environment: environment), defaultSender: sender))
        }
    }

    public var defaultSender: String {
        switch choice {
        case .smtp(let transport): transport.defaultSender
        case .outbox(let transport): transport.defaultSender
        case .misconfigured: SMTPSettings.defaultSenderAddress
        }
    }

    public var heldSecrets: [String] {
        if case .smtp(let transport) = choice { return transport.heldSecrets }
        return []
    }

    public func send(_ message: EmailMessage, context: PluginContext) async throws(EmailSendFailure) -> EmailReceipt {
        switch choice {
        case .smtp(let transport): try await transport.send(message, context: context)
        case .outbox(let transport): try await transport.send(message, context: context)
        case .misconfigured(let failure): throw failure
        }
    }
}

/// A plug-in that sends its messages through an ``EmailTransport``; it is made either with a
/// transport (tests give one) or from the environment, as the built-in registry does.
public protocol EmailSendingPlugin: FlowPlugin {
    init(transport: any EmailTransport)
}

extension EmailSendingPlugin {
    /// SMTP when `FLOWRUN_SMTP_HOST` is set, the outbox folder otherwise (``ConfiguredEmailTransport``).
    public init(environment: [String: String]) {
        self.init(transport: ConfiguredEmailTransport(environment: environment))
    }
}
