import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport

/// One plug-in call with everything it writes captured: console lines, log entries, outputs.
struct SMSHarness {
    let console = CapturedOutput()
    let logs = LogCapture()
    var random: any RandomSource = SeededRandomSource(seed: 2026)

    var context: PluginContext {
        PluginContext(
            clock: SystemClock(), random: random, console: console, logger: logs.logger(), elementName: "Send_SMS"
        )
    }

    func invoke(_ plugin: SMSPlugin, _ inputs: [String: FlowValue]) async throws -> SMSOutputs {
        let result = try await plugin.invoke(PluginRequest(inputs: inputs), context: context)
        return SMSOutputs(result)
    }
}

/// The plug-in's three outputs as text (a missing one reads as nil, and fails the comparisons).
struct SMSOutputs {
    var status: String?
    var verificationCode: String?
    var statusMessage: String?
    var keys: Set<String>

    init(_ result: PluginResult) {
        status = result.outputs["Status"]?.stringValue
        verificationCode = result.outputs["VerificationCode"]?.stringValue
        statusMessage = result.outputs["StatusMessage"]?.stringValue
        keys = Set(result.outputs.keys)
    }
}

enum SMSFixtures {
    static let to = "+15555550100"
    /// An environment with no Twilio settings at all: the console transport.
    static let noTwilio: [String: String] = ["HOME": "/tmp"]
}
