import AsyncHTTPClient
import FlowrunCore

/// Sends the plug-in's message through Twilio, filling in what the flow left blank from
/// ``TwilioSettings`` (the environment).
public struct TwilioSMSTransport: SMSTransport {
    public var settings: TwilioSettings
    private let client: TwilioMessagingClient

    public init(settings: TwilioSettings, httpClient: HTTPClient = .shared) {
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
        guard let accountSid = message.accountSid ?? settings.accountSid else {
            throw SMSSendFailure("no Twilio Account SID: give the AccountSid input or set TWILIO_ACCOUNT_SID")
        }
        guard let authToken = message.authToken ?? settings.authToken else {
            throw SMSSendFailure("no Twilio Auth Token: give the Token input or set TWILIO_AUTH_TOKEN")
        }
        guard let from = message.from ?? settings.fromNumber else {
            throw SMSSendFailure("no sender number: give the From input or set TWILIO_FROM_NUMBER")
        }
        let created: TwilioMessage
        do {
            created = try await client.createMessage(
                to: message.to, from: from, body: message.body,
                credentials: TwilioCredentials(accountSid: accountSid, authToken: authToken)
            )
        } catch {
            throw SMSSendFailure(error.description)
        }
        return SMSReceipt(
            status: created.status, messageID: created.sid,
            detail: "Twilio accepted message \(created.sid) with status \(created.status)"
        )
    }
}
