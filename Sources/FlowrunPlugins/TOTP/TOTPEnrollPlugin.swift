import FlowrunCore

/// `TOTPEnroll`: makes a new TOTP secret for an account and the `otpauth://` URI an authenticator
/// app scans, for a flow that enrols a user in two-factor login.
///
/// Inputs: `Account` (STRING, required: the user's name or email, shown in the app), `Issuer`
/// (STRING, "flowrun" when blank), `Algorithm` (SHA1 by default) and `Digits` (6 by default).
/// Outputs: `Secret` (Base32, no padding) and `URI`, both secret: the flow stores the first
/// (encrypted, with the user) and shows the second once, as a QR code.
///
/// The secret is 20 bytes (160 bits, RFC 4226 R6's recommendation) from `context.random`, the
/// system CSPRNG unless a test seeds it. Bad inputs throw (fault connector) with messages that
/// never hold the secret.
public struct TOTPEnrollPlugin: FlowPlugin {
    public static let secretLength = 20
    public static let defaultIssuer = "flowrun"

    public init() {}

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "TOTP Enroll",
            tag: "Identity",
            description: "Creates a TOTP secret and its otpauth:// URI for an authenticator app",
            inputs: [
                PluginParameter("Account", .string, required: true, description: "The user's account name, shown in the app"),
                PluginParameter("Issuer", .string, description: "Who issues the code; \"\(Self.defaultIssuer)\" when blank"),
                PluginParameter("Algorithm", .string, description: "SHA1 (default), SHA256 or SHA512"),
                PluginParameter("Digits", .integer, description: "6 (default), 7 or 8"),
            ],
            outputs: [
                PluginParameter("Secret", .string, isSecret: true, description: "The shared secret, Base32 without padding"),
                PluginParameter("URI", .string, isSecret: true, description: "The otpauth:// Key URI for a QR code"),
            ]
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        guard let account = TOTPPluginInputs.nonBlank(request, "Account") else {
            throw TOTPPluginError("the Account input is blank")
        }
        let issuer = TOTPPluginInputs.nonBlank(request, "Issuer") ?? Self.defaultIssuer
        // The Key URI format forbids a colon in either: it is the label's issuer separator.
        guard !account.contains(":"), !issuer.contains(":") else {
            throw TOTPPluginError("the Account and Issuer inputs must not contain a colon")
        }
        let totp = try TOTPPluginInputs.totp(secret: context.random.bytes(Self.secretLength), request)
        let uri = OTPAuthURI(issuer: issuer, account: account, totp: totp)
        context.logger.info(
            "TOTP secret created",
            metadata: [
                "element": "\(context.elementName)", "issuer": "\(issuer)",
                "algorithm": "\(totp.hotp.algorithm.rawValue)", "digits": "\(totp.hotp.digits)",
            ]
        )
        return PluginResult(["Secret": .string(Base32.encode(totp.hotp.secret)), "URI": .string(uri.string)])
    }
}
