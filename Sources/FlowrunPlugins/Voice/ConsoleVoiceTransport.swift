import FlowrunCore

/// The development transport: shows what the call would say, and its TwiML, on
/// `context.console` instead of calling, like ``ConsoleSMSTransport`` does for messages.
public struct ConsoleVoiceTransport: VoiceTransport {
    /// The same word as the SMS console transport, so one flow Decision serves both.
    public static let status = ConsoleSMSTransport.status

    public init() {}

    public func call(_ call: VoiceCall, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        let console = context.console
        console.write("── Voice call (development console transport: no call was placed) ──")
        console.write("To:      \(call.to)")
        if let from = call.from { console.write("From:    \(from)") }
        console.write("Says:    \(call.sentence) (twice)")
        console.write("TwiML:   \(call.twiml)")
        console.write(
            "To place real calls through Twilio, set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER."
        )
        return SMSReceipt(status: Self.status, detail: "shown on the development console; no call was placed")
    }
}
