import FlowrunCore

/// Twilio when the call or the environment gives any Twilio credential, the console when there
/// is none at all; half-given credentials fail at Twilio, as ``TwilioOrConsoleTransport`` does.
public struct TwilioOrConsoleVoiceTransport: VoiceTransport {
    public var twilio: TwilioVoiceTransport
    public var console: ConsoleVoiceTransport

    public init(twilio: TwilioVoiceTransport, console: ConsoleVoiceTransport = ConsoleVoiceTransport()) {
        self.twilio = twilio
        self.console = console
    }

    public var heldSecrets: [String] { twilio.heldSecrets }

    public func call(_ call: VoiceCall, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        if twilio.hasCredentials(for: call) {
            return try await twilio.call(call, context: context)
        }
        return try await console.call(call, context: context)
    }
}
