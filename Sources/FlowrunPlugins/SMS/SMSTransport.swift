import FlowrunCore

/// Something that delivers one text message: Twilio over HTTP, or the development console.
///
/// A transport never throws anything but ``SMSSendFailure``, whose reason is shown to the flow
/// (`StatusMessage`) and logged, so it must never hold the message body or a credential.
public protocol SMSTransport: Sendable {
    func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt

    /// Credentials the transport holds itself (from the environment, say), which the plug-in
    /// masks in anything it logs or returns. None by default.
    var heldSecrets: [String] { get }
}

extension SMSTransport {
    public var heldSecrets: [String] { [] }
}

/// One message to send, with whatever the flow gave for the sender and credentials.
///
/// `from`, `accountSid` and `authToken` are nil when the flow left them blank; the transport
/// decides what to fall back to. The body holds the one-time code, and `authToken` a credential,
/// so neither shows in `description`, `debugDescription` or `dump`.
public struct SMSMessage: Sendable, Hashable {
    public var to: String
    public var body: String
    public var from: String?
    public var accountSid: String?
    public var authToken: String?
    /// The call's `Vendor` input (`Twilio`, `TeleSign`), nil when blank; see ``SMSVendorTransport``.
    public var vendor: String?

    public init(
        to: String, body: String, from: String? = nil, accountSid: String? = nil, authToken: String? = nil,
        vendor: String? = nil
    ) {
        self.to = to
        self.body = body
        self.from = from
        self.accountSid = accountSid
        self.authToken = authToken
        self.vendor = vendor
    }
}

extension SMSMessage: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SMS to \(to) (\(body.count) characters)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["to": to, "from": from as Any, "accountSid": accountSid as Any], displayStyle: .struct)
    }
}

/// What a transport reports after handing a message on.
public struct SMSReceipt: Sendable, Hashable {
    /// The flow's `Status` output: the provider's own status word (Twilio's `queued`, …).
    public var status: String
    /// The provider's id for the message (Twilio's `SM…` sid), when it has one.
    public var messageID: String?
    /// One human-readable sentence for `StatusMessage`. Never the body.
    public var detail: String

    public init(status: String, messageID: String? = nil, detail: String) {
        self.status = status
        self.messageID = messageID
        self.detail = detail
    }
}

/// Why a message was not sent, in words fit for a flow screen and a log line.
public struct SMSSendFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
