import AsyncHTTPClient
import FlowrunCore
import Foundation
import Logging

/// The seed's `SMSPlugin` (an Apex `Process.Plugin`): makes a one-time code, texts
/// `Message + code` to `To`, and returns the code so the flow can compare it with what the user types.
///
/// Inputs (all STRING): `To` (required), `AccountSid`, `Token` (secret), `From`, `Message`, and
/// `Vendor` (not in the seed: `Twilio` or `TeleSign`, see ``SMSVendorTransport``).
/// The seed marks all five required; here only `To` is, because blank or absent `AccountSid`,
/// `Token` and `From` fall back to `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` and
/// `TWILIO_FROM_NUMBER` (so flow files need not hold credentials), and a blank `Message` falls
/// back to "Your verification code is: " as in the seed.
///
/// Outputs (all STRING): `Status`, `VerificationCode` (secret), and `StatusMessage`, which the seed
/// lacks: one sentence saying what happened, or why the send failed.
///
/// Where the seed is kept on purpose:
/// - A failed send never throws: `Status` is `Failure` (the seed's try/catch) and the code is still
///   returned, so the flow decides what to do.
/// - `Status` on success is the provider's own word (Twilio's `queued`), so flows comparing it
///   keep working. The development console transport says `delivered-to-console`.
///
/// Where it is fixed: the code is always ``codeLength`` uniform digits from `context.random`
/// (a CSPRNG unless a test seeds it), leading zeros kept; the seed's `Math.round(Math.random()*100000)`
/// gave fewer digits from a weak generator. The code and the token never reach a log or `StatusMessage`.
public struct SMSPlugin: FlowPlugin {
    public static let defaultMessage = "Your verification code is: "
    public static let failureStatus = "Failure"
    public static let codeLength = OneTimeCode.length

    /// Where messages go.
    public let transport: any SMSTransport

    /// The plug-in with an explicit transport (tests, custom front-ends, other providers).
    public init(transport: any SMSTransport) {
        self.transport = transport
    }

    /// The production plug-in: Twilio when credentials are given (by the call or the
    /// environment), the development console when there are none; TeleSign instead when the
    /// `Vendor` input or `FLOWRUN_SMS_VENDOR` says so (``SMSVendorTransport``).
    ///
    /// - Parameters:
    ///   - environment: where `TWILIO_*` settings come from; pass `ProcessInfo.processInfo.environment`.
    ///   - httpClient: the client Twilio requests go through; by default (nil) the shared one, asked
    ///     for on the first send, so making the plug-in starts no threads.
    ///   - timeout: how long one Twilio request may take in all.
    public init(environment: [String: String], httpClient: HTTPClient? = nil, timeout: Duration = .seconds(10)) {
        let settings = TwilioSettings(environment: environment, timeout: timeout)
        let twilio = TwilioOrConsoleTransport(
            twilio: TwilioSMSTransport(settings: settings, httpClient: httpClient),
            console: ConsoleSMSTransport(outbox: DevelopmentOutbox(environment: environment)))
        let teleSign = TeleSignSMSTransport(
            settings: TeleSignSettings(environment: environment, timeout: timeout), httpClient: httpClient
        )
        let vendor = environment["FLOWRUN_SMS_VENDOR"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(
            transport: SMSVendorTransport(
                twilio: twilio, teleSign: teleSign, defaultVendor: vendor?.isEmpty == false ? vendor : nil
            )
        )
    }

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "SMS Plugin",
            tag: "Identity",
            description: "Two factor authentication with SMS",
            inputs: [
                PluginParameter("AccountSid", .string, description: "Twilio Account SID; TWILIO_ACCOUNT_SID when blank"),
                PluginParameter("Token", .string, isSecret: true, description: "Twilio Auth Token; TWILIO_AUTH_TOKEN when blank"),
                PluginParameter("To", .string, required: true, description: "The user's mobile number, in E.164 format"),
                PluginParameter("From", .string, description: "The sender's Twilio number; TWILIO_FROM_NUMBER when blank"),
                PluginParameter("Message", .string, description: "Text sent before the code; \"\(Self.defaultMessage)\" when blank"),
                PluginParameter("Vendor", .string, description: "Twilio or TeleSign; FLOWRUN_SMS_VENDOR, then Twilio, when blank"),
            ],
            outputs: [
                PluginParameter("Status", .string, description: "The provider's status (queued, …), or Failure"),
                PluginParameter("VerificationCode", .string, isSecret: true, description: "The one-time code that was sent"),
                PluginParameter(
                    "CodeHash", .string, isSecret: true,
                    description: "A salted hash of the code, for VerifyCode: store this rather than the code"),
                PluginParameter("StatusMessage", .string, description: "What happened, or why the send failed"),
            ],
            callsOut: true
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let code = OneTimeCode.make(context.random)
        let token = Self.nonBlank(request, "Token")
        let outcome = await send(request, code: code, token: token, context: context)

        // The transport's words may echo what a server said; mask anything secret before it leaves.
        let secrets = [code] + [token].compactMap { $0 } + transport.heldSecrets
        switch outcome {
        case .success(let receipt):
            context.logger.info(
                "SMS handed to the transport",
                metadata: [
                    "element": "\(context.elementName)", "status": "\(receipt.status)",
                    "message.id": "\(receipt.messageID ?? "-")",
                ]
            )
            return result(status: receipt.status, code: code, message: SecretRedaction.redact(receipt.detail, secrets: secrets))
        case .failure(let failure):
            let reason = SecretRedaction.redact(failure.reason, secrets: secrets)
            context.logger.warning("SMS not sent", metadata: ["element": "\(context.elementName)", "reason": "\(reason)"])
            return result(status: Self.failureStatus, code: code, message: reason)
        }
    }

    private func send(
        _ request: PluginRequest, code: String, token: String?, context: PluginContext
    ) async -> Result<SMSReceipt, SMSSendFailure> {
        guard let to = Self.nonBlank(request, "To") else {
            return .failure(SMSSendFailure("no recipient: the To input is blank"))
        }
        // Only a blank Message falls back: a given one is kept as written, trailing space included.
        let prefix = Self.nonBlank(request, "Message") == nil ? Self.defaultMessage : request.text("Message") ?? ""
        let message = SMSMessage(
            to: to, body: prefix + code, from: Self.nonBlank(request, "From"),
            accountSid: Self.nonBlank(request, "AccountSid"), authToken: token, vendor: Self.nonBlank(request, "Vendor")
        )
        do {
            return .success(try await transport.send(message, context: context))
        } catch {
            return .failure(error)
        }
    }

    private func result(status: String, code: String, message: String) -> PluginResult {
        PluginResult([
            "Status": .string(status), "VerificationCode": .string(code), "CodeHash": .string(OneTimeCode.hash(code)),
            "StatusMessage": .string(message),
        ])
    }

    /// The input as text with surrounding whitespace dropped, or nil when that leaves nothing.
    static func nonBlank(_ request: PluginRequest, _ name: String) -> String? {
        guard let text = request.text(name)?.trimmingWhitespaceAndNewlines(), !text.isEmpty else {
            return nil
        }
        return text
    }
}
