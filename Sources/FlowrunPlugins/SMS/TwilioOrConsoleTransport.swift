import FlowrunCore

/// The default transport: Twilio when the call or the environment gives any Twilio credential,
/// the development console when there is none at all.
///
/// Half-given credentials (an AccountSid without a token, say) go to Twilio and fail there with
/// a clear reason, rather than falling back to the console: a misconfigured production setup must
/// not quietly stop sending codes.
public struct TwilioOrConsoleTransport: SMSTransport {
    public var twilio: TwilioSMSTransport
    public var console: ConsoleSMSTransport

    public init(twilio: TwilioSMSTransport, console: ConsoleSMSTransport = ConsoleSMSTransport()) {
        self.twilio = twilio
        self.console = console
    }

    public var heldSecrets: [String] { twilio.heldSecrets }

    public func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        if twilio.hasCredentials(for: message) {
            return try await twilio.send(message, context: context)
        }
        return try await console.send(message, context: context)
    }
}
