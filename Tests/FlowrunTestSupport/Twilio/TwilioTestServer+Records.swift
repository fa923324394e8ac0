/// What the test server saw and what it was told to answer.
extension TwilioTestServer {
    /// One request to the Messages or Calls endpoint, as received.
    public struct ReceivedRequest: Sendable, Hashable {
        /// The `{AccountSid}` path segment.
        public var pathAccountSid: String
        /// The HTTP Basic user name, nil when there was no Basic header.
        public var authUser: String?
        /// Whether the Basic user and password matched the server's credentials.
        public var authenticated: Bool
        public var contentType: String?
        /// The body exactly as sent, to check its encoding (`To=%2B1555…`).
        public var rawBody: String
        /// The body decoded as a form (`+` and `%20` both as space, as servers do).
        public var form: [String: String]
        /// `Messages.json` or `Calls.json`: which endpoint it reached.
        public var resource: String
    }

    /// One call the server accepted.
    public struct ReceivedCall: Sendable, Hashable {
        public var sid: String
        public var accountSid: String
        public var to: String
        public var from: String
        /// The inline TwiML, exactly as decoded from the form (nil when the call gave a Url).
        public var twiml: String?
        public var url: String?
        public var authUser: String
    }

    /// One message the server accepted.
    public struct ReceivedMessage: Sendable, Hashable {
        public var sid: String
        public var accountSid: String
        public var to: String
        public var from: String?
        public var messagingServiceSid: String?
        public var body: String
        public var authUser: String
    }

    /// A canned answer queued with `failNextRequest`.
    struct ScriptedResponse: Sendable {
        var status: Int
        var body: String
        var contentType: String
    }
}
