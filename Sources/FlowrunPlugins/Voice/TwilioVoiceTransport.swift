import AsyncHTTPClient
import FlowrunCore

/// Places the call through Twilio, filling in what the flow left blank from ``TwilioSettings``,
/// exactly as ``TwilioSMSTransport`` does for messages.
public struct TwilioVoiceTransport: VoiceTransport {
    public var settings: TwilioSettings
    private let client: TwilioMessagingClient

    public init(settings: TwilioSettings, httpClient: HTTPClient? = nil) {
        self.settings = settings
        self.client = TwilioMessagingClient(baseURL: settings.baseURL, timeout: settings.timeout, httpClient: httpClient)
    }

    public var heldSecrets: [String] { settings.authToken.map { [$0] } ?? [] }

    /// Whether the call or the environment gives any Twilio credential at all.
    public func hasCredentials(for call: VoiceCall) -> Bool {
        (call.accountSid ?? settings.accountSid) != nil || (call.authToken ?? settings.authToken) != nil
    }

    public func call(_ call: VoiceCall, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        let identity = try settings.identity(accountSid: call.accountSid, authToken: call.authToken, from: call.from, role: "caller")
        let created: TwilioCall
        do {
            created = try await client.createCall(
                to: call.to, from: identity.from, twiml: call.twiml, credentials: identity.credentials)
        } catch {
            throw SMSSendFailure(error.description)
        }
        return SMSReceipt(
            status: created.status, messageID: created.sid,
            detail: "Twilio accepted call \(created.sid) with status \(created.status)"
        )
    }
}
