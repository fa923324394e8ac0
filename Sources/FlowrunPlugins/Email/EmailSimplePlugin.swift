import FlowrunCore
import Foundation

/// `emailSimple`: Salesforce's standard Send Email action (`<actionCalls>` with
/// `<actionType>emailSimple</actionType>`), delivered like ``EmailCodePlugin``: SMTP when
/// `FLOWRUN_SMTP_HOST` is set, the outbox folder otherwise.
///
/// Inputs as Salesforce names them: `emailAddresses` (comma-separated, at most 5),
/// `emailSubject` and `emailBody` (required), `senderAddress` (else `FLOWRUN_SMTP_FROM`),
/// `sendRichBody` (the body is HTML), `useLineBreaks` (in a rich body, line breaks become `<br>`),
/// and `senderType`, `recipientId`, `relatedRecordId`, `logEmailOnSend`, accepted for
/// compatibility. `emailAddressesArray` (a collection) and sending to `recipientId` alone need
/// what plug-in parameters cannot carry here: a flow gets a clear fault instead. Like the
/// Salesforce action it has no outputs; a failed send is a fault.
public struct EmailSimplePlugin: EmailSendingPlugin {
    public static let maximumRecipients = 5

    public let transport: any EmailTransport

    public init(transport: any EmailTransport) {
        self.transport = transport
    }

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "Send Email",
            tag: "Email",
            description: "Sends an email (Salesforce's emailSimple action)",
            inputs: [
                PluginParameter("emailAddresses", .string, description: "Recipients, comma-separated (at most 5)"),
                PluginParameter("emailSubject", .string, required: true, description: "The subject"),
                PluginParameter("emailBody", .string, required: true, description: "The body, text or HTML (sendRichBody)"),
                PluginParameter("senderAddress", .string, description: "The sender; FLOWRUN_SMTP_FROM when blank"),
                PluginParameter("senderType", .string, description: "Accepted for compatibility; the sender is senderAddress"),
                PluginParameter("sendRichBody", .boolean, description: "The body is HTML"),
                PluginParameter("useLineBreaks", .boolean, description: "In a rich body, turn line breaks into <br>"),
                PluginParameter("recipientId", .string, description: "Accepted, but emailAddresses must be given too"),
                PluginParameter("relatedRecordId", .string, description: "Accepted for compatibility"),
                PluginParameter("logEmailOnSend", .boolean, description: "Accepted for compatibility"),
            ],
            outputs: [],
            callsOut: true
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let addresses = (request.text("emailAddresses") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !addresses.isEmpty else {
            let why =
                request.text("recipientId") != nil
                ? " (sending to recipientId alone is not supported: look up the address and pass it)" : ""
            throw EmailSendFailure("Send Email needs emailAddresses\(why)")
        }
        guard addresses.count <= Self.maximumRecipients else {
            throw EmailSendFailure("Send Email takes at most \(Self.maximumRecipients) addresses in emailAddresses, got \(addresses.count)")
        }
        let isHTML = request["sendRichBody"].booleanValue ?? false
        var body = request.text("emailBody") ?? ""
        if isHTML, request["useLineBreaks"].booleanValue ?? false {
            body = body.replacingOccurrences(of: "\n", with: "<br>\n")
        }
        let message = EmailMessage(
            from: SMSPlugin.nonBlank(request, "senderAddress") ?? transport.defaultSender, to: addresses,
            subject: request.text("emailSubject") ?? "", body: body, isHTML: isHTML)
        do throws(EmailSendFailure) {
            let receipt = try await transport.send(message, context: context)
            context.logger.info("Email sent", metadata: ["element": "\(context.elementName)", "status": "\(receipt.status)"])
            return PluginResult()
        } catch {
            let reason = SecretRedaction.redact(error.reason, secrets: transport.heldSecrets)
            context.logger.warning("Email not sent", metadata: ["element": "\(context.elementName)", "reason": "\(reason)"])
            throw EmailSendFailure("the email was not sent: \(reason)")
        }
    }
}
