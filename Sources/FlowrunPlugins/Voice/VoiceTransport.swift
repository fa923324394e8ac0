import FlowrunCore

/// Something that places one call speaking a code: Twilio Calls, or the development console.
///
/// It reports with the SMS transport's ``SMSReceipt`` and ``SMSSendFailure``: they mean the same
/// thing here (a status word for the flow; a reason fit for `StatusMessage` and a log), and the
/// plug-in masks secrets in them the same way.
public protocol VoiceTransport: Sendable {
    func call(_ call: VoiceCall, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt

    /// Credentials the transport holds itself, which the plug-in masks. None by default.
    var heldSecrets: [String] { get }
}

extension VoiceTransport {
    public var heldSecrets: [String] { [] }
}

/// One call to place. `twiml` and `sentence` hold the code and `authToken` a credential, so none
/// shows in `description`, `debugDescription` or `dump`.
public struct VoiceCall: Sendable, Hashable {
    public var to: String
    /// What is said (once), for the console.
    public var sentence: String
    /// The TwiML Twilio runs.
    public var twiml: String
    public var from: String?
    public var accountSid: String?
    public var authToken: String?

    public init(
        to: String, sentence: String, twiml: String, from: String? = nil, accountSid: String? = nil,
        authToken: String? = nil
    ) {
        self.to = to
        self.sentence = sentence
        self.twiml = twiml
        self.from = from
        self.accountSid = accountSid
        self.authToken = authToken
    }
}

extension VoiceCall: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "Voice call to \(to) (\(twiml.count) characters of TwiML)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["to": to, "from": from as Any, "accountSid": accountSid as Any], displayStyle: .struct)
    }
}
