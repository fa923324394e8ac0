import FlowrunCore
import Foundation

/// The development transport: shows the message on `context.console` instead of sending it,
/// so the two-factor flow runs on a laptop with no Twilio account.
///
/// This is the only place a one-time code is ever shown; it goes to the person running flowrun,
/// never to a log.
public struct ConsoleSMSTransport: SMSTransport {
    /// The `Status` a flow sees: a word of its own, so a flow (or a test) can tell a development
    /// run from a real send, and it is not `Failure`, so the flow carries on to the code screen.
    public static let status = "delivered-to-console"

    /// Where each message is also saved as a file (`FLOWRUN_OUTBOX`), for a browser test that
    /// must read the code; nil to only print.
    public var outbox: DevelopmentOutbox?

    public init(outbox: DevelopmentOutbox? = nil) {
        self.outbox = outbox
    }

    public func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        let console = context.console
        console.write("── SMS (development console transport: not sent to a phone) ──")
        console.write("To:      \(message.to)")
        if let from = message.from { console.write("From:    \(from)") }
        // A multi-line body stays readable and clearly part of the message.
        for (index, line) in message.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            console.write(index == 0 ? "Message: \(line)" : "         \(line)")
        }
        console.write(
            "To send real SMS through Twilio, set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER."
        )
        if let outbox {
            do {
                let file = try outbox.saveMessage(
                    channel: "sms", to: message.to, from: message.from, body: message.body, at: context.clock.now())
                console.write("Saved to: \(file.path)")
            } catch {
                // The message was shown; a folder that cannot be written is worth a word, not a failed login.
                console.write("Could not save it to the outbox \(outbox.directory.path): \(error.localizedDescription)")
            }
        }
        return SMSReceipt(status: Self.status, detail: "shown on the development console; no SMS was sent")
    }
}
