import AsyncHTTPClient
import FlowrunCore

/// Sends the plug-in's message through Twilio, filling in what the flow left blank from
/// ``TwilioSettings`` (the environment).
public struct TwilioSMSTransport: SMSTransport {
    public var settings: TwilioSettings
    private let client: TwilioMessagingClient

    public init(settings: TwilioSettings, httpClient: HTTPClient? = nil) {
        self.settings = settings
        self.client = TwilioMessagingClient(baseURL: settings.baseURL, timeout: settings.timeout, httpClient: httpClient)
    }

    /// The environment's token: the plug-in masks it in anything it logs or returns.
    public var heldSecrets: [String] { settings.authToken.map { [$0] } ?? [] }

    /// Whether the call or the environment gives any Twilio credential at all.
    public func hasCredentials(for message: SMSMessage) -> Bool {
        (message.accountSid ?? settings.accountSid) != nil || (message.authToken ?? settings.authToken) != nil
    }

    public func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        let identity = try settings.identity(
            accountSid: message.accountSid, authToken: message.authToken, from: message.from, role: "sender")
        let created: TwilioMessage
        do {
            created = try await client.createMessage(
                to: message.to, from: identity.from, body: message.body, credentials: identity.credentials)
        } catch {
            throw SMSSendFailure(error.description)
        }
        return SMSReceipt(
            status: created.status, messageID: created.sid,
            detail: "Twilio accepted message \(created.sid) with status \(created.status)"
        )
    }
}
