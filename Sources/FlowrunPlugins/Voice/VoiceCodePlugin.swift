import AsyncHTTPClient
import FlowrunCore
import Foundation

/// `VoiceCodePlugin`: the SMS plug-in's contract, delivered by a phone call that reads the code
/// aloud (Twilio Calls with inline TwiML), for users who cannot receive texts.
///
/// Inputs (all STRING): `To` (required), `AccountSid`, `Token` (secret), `From`, `Message`
/// ("Your verification code is" when blank). Blank credentials and `From` fall back to
/// `TWILIO_*` as for ``SMSPlugin``; with no Twilio credential anywhere, the development console
/// shows the call instead.
///
/// Outputs (all STRING): `Status` (Twilio's call status, `queued` on success; `Failure` on any
/// error), `VerificationCode` (secret) and `StatusMessage`. Like ``SMSPlugin`` it never throws,
/// and the code and token never reach a log or `StatusMessage`.
///
/// What is said is ``VoiceCodeTwiML``: "Message: 1, 2, 3, 4, 5, 6." twice.
public struct VoiceCodePlugin: FlowPlugin {
    public static let defaultMessage = "Your verification code is"

    public let transport: any VoiceTransport

    public init(transport: any VoiceTransport) {
        self.transport = transport
    }

    /// The production plug-in: Twilio when credentials are given, the development console otherwise.
    public init(environment: [String: String], httpClient: HTTPClient? = nil, timeout: Duration = .seconds(10)) {
        let settings = TwilioSettings(environment: environment, timeout: timeout)
        self.init(
            transport: TwilioOrConsoleVoiceTransport(
                twilio: TwilioVoiceTransport(settings: settings, httpClient: httpClient),
                console: ConsoleVoiceTransport(outbox: DevelopmentOutbox(environment: environment))))
    }

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "Voice Code Plugin",
            tag: "Identity",
            description: "Two factor authentication with a voice call",
            inputs: [
                PluginParameter("AccountSid", .string, description: "Twilio Account SID; TWILIO_ACCOUNT_SID when blank"),
                PluginParameter("Token", .string, isSecret: true, description: "Twilio Auth Token; TWILIO_AUTH_TOKEN when blank"),
                PluginParameter("To", .string, required: true, description: "The number to call, in E.164 format"),
                PluginParameter("From", .string, description: "The caller's Twilio number; TWILIO_FROM_NUMBER when blank"),
                PluginParameter("Message", .string, description: "Said before the code; \"\(Self.defaultMessage)\" when blank"),
            ],
            outputs: [
                PluginParameter("Status", .string, description: "Twilio's call status (queued, …), or Failure"),
                PluginParameter("VerificationCode", .string, isSecret: true, description: "The one-time code that was said"),
                PluginParameter(
                    "CodeHash", .string, isSecret: true,
                    description: "A salted hash of the code, for VerifyCode: store this rather than the code"),
                PluginParameter("StatusMessage", .string, description: "What happened, or why the call failed"),
            ],
            callsOut: true
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let code = OneTimeCode.make(context.random)
        let token = SMSPlugin.nonBlank(request, "Token")
        let outcome = await place(request, code: code, token: token, context: context)

        // The spoken form ("1, 2, 3") is masked too: a server echoing the TwiML must not leak it.
        let spoken = code.map(String.init).joined(separator: ", ")
        let secrets = [code, spoken] + [token].compactMap { $0 } + transport.heldSecrets
        switch outcome {
        case .success(let receipt):
            context.logger.info(
                "Voice call handed to the transport",
                metadata: [
                    "element": "\(context.elementName)", "status": "\(receipt.status)",
                    "call.id": "\(receipt.messageID ?? "-")",
                ]
            )
            return result(status: receipt.status, code: code, message: SecretRedaction.redact(receipt.detail, secrets: secrets))
        case .failure(let failure):
            let reason = SecretRedaction.redact(failure.reason, secrets: secrets)
            context.logger.warning("Voice call not placed", metadata: ["element": "\(context.elementName)", "reason": "\(reason)"])
            return result(status: SMSPlugin.failureStatus, code: code, message: reason)
        }
    }

    private func place(
        _ request: PluginRequest, code: String, token: String?, context: PluginContext
    ) async -> Result<SMSReceipt, SMSSendFailure> {
        guard let to = SMSPlugin.nonBlank(request, "To") else {
            return .failure(SMSSendFailure("no recipient: the To input is blank"))
        }
        let message = SMSPlugin.nonBlank(request, "Message") ?? Self.defaultMessage
        let twiml = VoiceCodeTwiML.twiml(message: message, code: code)
        guard twiml.count <= VoiceCodeTwiML.maximumLength else {
            return .failure(
                SMSSendFailure(
                    "the Message input is too long: the call's TwiML would exceed Twilio's \(VoiceCodeTwiML.maximumLength) characters"
                ))
        }
        let call = VoiceCall(
            to: to, sentence: VoiceCodeTwiML.sentence(message: message, code: code), twiml: twiml,
            from: SMSPlugin.nonBlank(request, "From"), accountSid: SMSPlugin.nonBlank(request, "AccountSid"),
            authToken: token
        )
        do {
            return .success(try await transport.call(call, context: context))
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
}
