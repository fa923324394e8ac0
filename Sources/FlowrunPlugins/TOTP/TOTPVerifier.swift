import Foundation

/// Checks a typed TOTP code against the current time step, with one step of drift either way,
/// and refuses a code whose step was already accepted.
///
/// **Drift window: T−1, T and T+1 (±30 s at the default step).** plugin-apis.md §6 reads RFC 6238
/// §5.2 as "T and T−1" (network delay only); the issue asks for ±1, and that is what is used,
/// because the delay is not the only error: a phone's clock runs fast as often as slow, and
/// T+1 is what keeps a phone a few seconds ahead from failing every login at the end of a step.
/// The wider window costs one more guessable code per attempt (3 in 10⁶ instead of 2), which
/// the flow's attempt limit bounds, and the replay rule below keeps every accepted code single-use.
///
/// **Replay (RFC 6238 §5.2 "MUST NOT accept the second attempt of the same OTP", NIST 800-63B
/// §5.1.4.2 "accepted only once"):** a step at or before `lastAcceptedStep` is never accepted.
/// Because later steps are the only ones accepted afterwards, this also refuses an older code
/// captured before the last login.
///
/// **Constant time:** every step in the window is computed and compared, with no early exit, and
/// each comparison is `ConstantTime.equals`, which does not stop at the first differing digit.
public struct TOTPVerifier: Sendable, Hashable {
    public let totp: TOTP
    /// Steps accepted before and after the current one.
    public let stepsBehind: UInt64
    public let stepsAhead: UInt64

    public init(totp: TOTP, stepsBehind: UInt64 = 1, stepsAhead: UInt64 = 1) {
        self.totp = totp
        self.stepsBehind = stepsBehind
        self.stepsAhead = stepsAhead
    }

    /// The outcome of one check.
    public enum Outcome: Sendable, Hashable {
        /// The code is right for this step, which the caller must store as the new last accepted step.
        case accepted(step: UInt64)
        /// The code matches a step in the window, but one at or before the last accepted step.
        case alreadyUsed
        /// Well-formed, but no step in the window gives it.
        case wrongCode
        /// Not ``HOTP/digits`` decimal digits (spaces aside): it cannot be any code.
        case malformed

        /// The flow's `Reason` output.
        public var reason: String {
            switch self {
            case .accepted: "ok"
            case .alreadyUsed: "code already used"
            case .wrongCode: "wrong code"
            case .malformed: "malformed code"
            }
        }
    }

    /// Checks `code` as typed at `date`.
    ///
    /// - Parameter lastAcceptedStep: the last step accepted for this user, nil when none was.
    ///   Steps at or before it are refused as replays.
    public func verify(_ code: String, at date: Date, lastAcceptedStep: UInt64?) -> Outcome {
        // Authenticator apps show "123 456"; people type what they see.
        let typed = Array(code.utf8.filter { $0 != UInt8(ascii: " ") })
        guard typed.count == totp.hotp.digits,
            typed.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return .malformed }
        guard let current = totp.step(at: date) else { return .wrongCode }

        let first = current >= stepsBehind ? current - stepsBehind : 0
        let (last, overflow) = current.addingReportingOverflow(stepsAhead)
        var freshMatch: UInt64?
        var usedMatch = false
        for step in first...(overflow ? UInt64.max : last) {
            let matches = ConstantTime.equals(typed, Array(totp.code(step: step).utf8))
            let used = lastAcceptedStep.map { step <= $0 } ?? false
            // Of two matching fresh steps (a 1-in-10⁶ coincidence) the earlier is taken, so the
            // stored step moves forward as little as possible.
            if matches, !used, freshMatch == nil { freshMatch = step }
            if matches, used { usedMatch = true }
        }
        if let freshMatch { return .accepted(step: freshMatch) }
        return usedMatch ? .alreadyUsed : .wrongCode
    }
}
