import FlowrunCore
import Foundation

/// `EmailCodePlugin`: the SMS plug-in's contract, delivered by email, for users with no phone.
///
/// Inputs (all STRING): `To` (required, the address), `Subject` ("Your verification code" when
/// blank), `Message` (text before the code; "Your verification code is: " when blank), `From`
/// (the sender; `FLOWRUN_SMTP_FROM` when blank). Outputs: `Status` (`sent`, `saved-to-outbox`
/// in development, or `Failure`), `VerificationCode` (secret), `CodeHash` (secret, for
/// ``VerifyCodePlugin``) and `StatusMessage`. Like ``SMSPlugin`` it never throws, and neither the
/// code nor the SMTP password reaches a log or `StatusMessage`.
public struct EmailCodePlugin: EmailSendingPlugin {
    public static let defaultSubject = "Your verification code"
    public static let defaultMessage = "Your verification code is: "

    public let transport: any EmailTransport

    public init(transport: any EmailTransport) {
        self.transport = transport
    }

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "Email Code Plugin",
            tag: "Identity",
            description: "Two factor authentication with an emailed code",
            inputs: [
                PluginParameter("To", .string, required: true, description: "The user's email address"),
                PluginParameter("Subject", .string, description: "The subject; \"\(Self.defaultSubject)\" when blank"),
                PluginParameter("Message", .string, description: "Text before the code; \"\(Self.defaultMessage)\" when blank"),
                PluginParameter("From", .string, description: "The sender; FLOWRUN_SMTP_FROM when blank"),
            ],
            outputs: [
                PluginParameter("Status", .string, description: "sent, saved-to-outbox (development), or Failure"),
                PluginParameter("VerificationCode", .string, isSecret: true, description: "The one-time code that was sent"),
                PluginParameter(
                    "CodeHash", .string, isSecret: true,
                    description: "A salted hash of the code, for VerifyCode: store this rather than the code"),
                PluginParameter("StatusMessage", .string, description: "What happened, or why the email was not sent"),
            ],
            callsOut: true
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let code = OneTimeCode.make(context.random)
        let secrets = [code] + transport.heldSecrets
        let status: String
        let detail: String
        do throws(EmailSendFailure) {
            guard let to = SMSPlugin.nonBlank(request, "To") else {
                throw EmailSendFailure("no recipient: the To input is blank")
            }
            let prefix = SMSPlugin.nonBlank(request, "Message") == nil ? Self.defaultMessage : request.text("Message") ?? ""
            let message = EmailMessage(
                from: SMSPlugin.nonBlank(request, "From") ?? transport.defaultSender, to: [to],
                subject: SMSPlugin.nonBlank(request, "Subject") ?? Self.defaultSubject,
                body: prefix + code + "\n\nIt expires in 10 minutes. If you did not try to log in, ignore this email.\n")
            let receipt = try await transport.send(message, context: context)
            status = receipt.status
            detail = SecretRedaction.redact(receipt.detail, secrets: secrets)
            context.logger.info(
                "Email code handed to the transport", metadata: ["element": "\(context.elementName)", "status": "\(status)"])
        } catch {
            status = SMSPlugin.failureStatus
            detail = SecretRedaction.redact(error.reason, secrets: secrets)
            context.logger.warning("Email code not sent", metadata: ["element": "\(context.elementName)", "reason": "\(detail)"])
        }
        return PluginResult([
            "Status": .string(status), "VerificationCode": .string(code), "CodeHash": .string(OneTimeCode.hash(code)),
            "StatusMessage": .string(detail),
        ])
    }
}
