import FlowrunCore
import Foundation

/// The development transport: shows what the call would say, and its TwiML, on
/// `context.console` instead of calling, like ``ConsoleSMSTransport`` does for messages.
public struct ConsoleVoiceTransport: VoiceTransport {
    /// The same word as the SMS console transport, so one flow Decision serves both.
    public static let status = ConsoleSMSTransport.status

    /// Where each call's words are also saved as a file (`FLOWRUN_OUTBOX`); nil to only print.
    public var outbox: DevelopmentOutbox?

    public init(outbox: DevelopmentOutbox? = nil) {
        self.outbox = outbox
    }

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
        if let outbox {
            do {
                let file = try outbox.saveMessage(
                    channel: "voice", to: call.to, from: call.from, body: call.sentence, at: context.clock.now())
                console.write("Saved to: \(file.path)")
            } catch {
                console.write("Could not save it to the outbox \(outbox.directory.path): \(error.localizedDescription)")
            }
        }
        return SMSReceipt(status: Self.status, detail: "shown on the development console; no call was placed")
    }
}
