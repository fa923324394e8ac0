/// An `otpauth://totp/…` Key URI (Google Authenticator's Key URI format), the text an
/// enrolment QR code holds.
///
/// It carries the secret, so it is as secret as the secret itself.
public struct OTPAuthURI: Sendable, Hashable {
    public var issuer: String
    public var account: String
    public var totp: TOTP

    public init(issuer: String, account: String, totp: TOTP) {
        self.issuer = issuer
        self.account = account
        self.totp = totp
    }

    /// `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
    ///
    /// Every parameter is written, defaults included: apps that ignore one then disagree visibly
    /// rather than silently. The label and the issuer are percent-encoded (a space as `%20`, a
    /// colon inside either as `%3A` so the label's own colon stays the only one); `@` is kept, as
    /// in the format's own examples.
    public var string: String {
        let label = issuer.isEmpty ? encode(account) : "\(encode(issuer)):\(encode(account))"
        var query = "secret=\(Base32.encode(totp.hotp.secret))"
        if !issuer.isEmpty { query += "&issuer=\(encode(issuer))" }
        query += "&algorithm=\(totp.hotp.algorithm.rawValue)&digits=\(totp.hotp.digits)&period=\(totp.period)"
        return "otpauth://totp/\(label)?\(query)"
    }

    private func encode(_ text: String) -> String {
        FormEncoding.percentEncode(text, keeping: [UInt8(ascii: "@")])
    }
}

extension OTPAuthURI: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "OTPAuthURI(issuer: \(issuer), account: \(account), secret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["issuer": issuer, "account": account], displayStyle: .struct)
    }
}
