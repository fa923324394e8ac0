import FlowrunCore
import Foundation

/// `TOTPVerify`: checks the code a user typed against their TOTP secret at `context.clock`'s time.
///
/// Inputs: `Secret` (STRING, required, secret: Base32 as ``TOTPEnrollPlugin`` made it), `Code`
/// (STRING, required, secret), `LastAcceptedStep` (INTEGER, optional: the `AcceptedStep` of this
/// user's last successful check), `Algorithm` and `Digits` (as enrolled).
///
/// Outputs: `Valid` (BOOLEAN); `AcceptedStep` (INTEGER: the step matched, which the flow must store
/// for the user and pass back next time, or `LastAcceptedStep` unchanged when invalid); `Reason`
/// (STRING: `ok`, `wrong code`, `code already used` or `malformed code`).
///
/// The window (T−1…T+1), the replay rule and the constant-time comparison are
/// ``TOTPVerifier``'s; see there for why ±1. A wrong code is an answer, not a fault: only a
/// misconfigured call (a secret that is not Base32, an unknown algorithm) throws.
///
/// Not done here: counting failed attempts. The plug-in keeps no state, so the flow (or the
/// store behind it) must limit attempts per user (NIST 800-63B §5.2.2: at most 100; 3–5 is usual).
public struct TOTPVerifyPlugin: FlowPlugin {
    public init() {}

    public func describe() -> PluginDescription {
        PluginDescription(
            name: "TOTP Verify",
            tag: "Identity",
            description: "Checks a TOTP code, once, within one time step of drift",
            inputs: [
                PluginParameter("Secret", .string, required: true, isSecret: true, description: "The user's TOTP secret, Base32"),
                PluginParameter("Code", .string, required: true, isSecret: true, description: "The code the user typed"),
                PluginParameter("LastAcceptedStep", .integer, description: "The user's last accepted time step; blank when none"),
                PluginParameter("Algorithm", .string, description: "SHA1 (default), SHA256 or SHA512, as enrolled"),
                PluginParameter("Digits", .integer, description: "6 (default), 7 or 8, as enrolled"),
            ],
            outputs: [
                PluginParameter("Valid", .boolean, description: "Whether the code is accepted"),
                PluginParameter("AcceptedStep", .integer, description: "The step to store as LastAcceptedStep"),
                PluginParameter("Reason", .string, description: "ok, wrong code, code already used or malformed code"),
            ]
        )
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        guard let text = TOTPPluginInputs.nonBlank(request, "Secret"), let secret = Base32.decode(text) else {
            throw TOTPPluginError("the Secret input is not Base32")
        }
        let totp = try TOTPPluginInputs.totp(secret: secret, request)
        let lastAccepted = try Self.lastAcceptedStep(request)

        let outcome = TOTPVerifier(totp: totp).verify(
            request.text("Code") ?? "", at: context.clock.now(),
            // A negative stored step (a flow's "none yet" of −1) excludes nothing.
            lastAcceptedStep: lastAccepted.flatMap { $0 >= 0 ? UInt64($0) : nil }
        )
        let accepted: FlowValue
        switch outcome {
        case .accepted(let step): accepted = .number(Decimal(step))
        default: accepted = lastAccepted.map { .number(Decimal($0)) } ?? .null
        }
        context.logger.info(
            "TOTP code checked",
            metadata: ["element": "\(context.elementName)", "reason": "\(outcome.reason)"]
        )
        if case .accepted = outcome {
            return PluginResult(["Valid": .boolean(true), "AcceptedStep": accepted, "Reason": .string(outcome.reason)])
        }
        return PluginResult(["Valid": .boolean(false), "AcceptedStep": accepted, "Reason": .string(outcome.reason)])
    }

    private static func lastAcceptedStep(_ request: PluginRequest) throws(TOTPPluginError) -> Int64? {
        guard let number = request["LastAcceptedStep"].numberValue else { return nil }
        guard let step = TOTPPluginInputs.wholeNumber(number) else {
            throw TOTPPluginError("the LastAcceptedStep input \(number) is not a whole number")
        }
        return step
    }
}
