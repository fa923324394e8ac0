import FlowrunCore
import Foundation

/// `VerifyCode`: checks the code a user typed against the `CodeHash` a code plug-in
/// (``SMSPlugin``, ``VoiceCodePlugin``, ``EmailCodePlugin``) returned, in constant time.
///
/// Inputs: `CodeHash` (STRING, required, secret: the pending code's hash as the flow stored it;
/// blank when none is pending, for instance because it was used) and `Code` (STRING, required,
/// secret: what the user typed). Outputs: `Matches` (BOOLEAN) and `Reason` (STRING: `ok`,
/// `wrong code`, `no code pending` or `malformed code`).
///
/// A wrong code is an answer, not a fault; only a `CodeHash` that is not a hash at all (a flow
/// wired to the wrong variable) throws. Expiry, single use and attempt limits are the flow's:
/// it knows when the code was sent and keeps the counts on the user record.
public struct VerifyCodePlugin: FlowPlugin {
    public init() {}

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "Verify Code",
            tag: "Identity",
            description: "Checks a one-time code against its hash, in constant time",
            inputs: [
                PluginParameter(
                    "CodeHash", .string, required: true, isSecret: true,
                    description: "The CodeHash output of the call that sent the code; blank when none is pending"),
                PluginParameter("Code", .string, required: true, isSecret: true, description: "The code the user typed"),
            ],
            outputs: [
                PluginParameter("Matches", .boolean, description: "Whether the code is the one sent"),
                PluginParameter("Reason", .string, description: "ok, wrong code, no code pending or malformed code"),
            ]
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let reason = try Self.check(code: request.text("Code"), hash: SMSPlugin.nonBlank(request, "CodeHash"))
        context.logger.info("One-time code checked", metadata: ["element": "\(context.elementName)", "reason": "\(reason)"])
        return PluginResult(["Matches": .boolean(reason == "ok"), "Reason": .string(reason)])
    }

    static func check(code: String?, hash: String?) throws(VerifyCodeError) -> String {
        guard let hash else { return "no code pending" }
        let typed = (code ?? "").trimmingCharacters(in: .whitespaces)
        // Only the shape is checked before comparing, so a malformed answer costs no hashing.
        guard typed.count == OneTimeCode.length, typed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "malformed code"
        }
        guard let matches = OneTimeCode.matches(typed, hash: hash) else {
            throw VerifyCodeError()
        }
        return matches ? "ok" : "wrong code"
    }
}

/// A `CodeHash` input that is not a code hash. The message never repeats the input.
struct VerifyCodeError: Error, CustomStringConvertible {
    var description: String {
        "the CodeHash input is not a code hash (expected the CodeHash output of SMSPlugin, VoiceCodePlugin or EmailCodePlugin)"
    }
}
