import Foundation

/// An Account SID and Auth Token pair, the HTTP Basic credentials of Twilio's 2010 API.
public struct TwilioCredentials: Sendable, Hashable {
    public var accountSid: String
    public var authToken: String

    public init(accountSid: String, authToken: String) {
        self.accountSid = accountSid
        self.authToken = authToken
    }

    /// `AC` and 32 hexadecimal digits, the shape Twilio's API spec gives for `AccountSid`.
    ///
    /// Checked before anything is sent: the SID goes into the URL path, and a malformed one
    /// (or a token pasted into the wrong input) should fail here, not on the wire.
    public static func isValidAccountSid(_ sid: String) -> Bool {
        let utf8 = sid.utf8
        guard utf8.count == 34, sid.hasPrefix("AC") else { return false }
        return utf8.dropFirst(2).allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    /// The `Authorization` header value: `Basic base64(AccountSid:AuthToken)`.
    var basicAuthorization: String {
        "Basic " + Data("\(accountSid):\(authToken)".utf8).base64EncodedString()
    }
}

extension TwilioCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "TwilioCredentials(accountSid: \(accountSid), authToken: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accountSid": accountSid], displayStyle: .struct) }
}
