import Foundation

/// RFC 6238 TOTP: HOTP over the time step `T = floor((unixTime − T0) / X)`, with `T0 = 0`.
public struct TOTP: Sendable, Hashable, CustomStringConvertible {
    /// RFC 6238 §5.2's recommended step, and the only one common authenticator apps honour.
    public static let defaultPeriod = 30

    public let hotp: HOTP
    /// The step size X, in seconds.
    public let period: Int

    /// Nil for the same reasons as ``HOTP/init(secret:algorithm:digits:)``, or a period below 1 s.
    public init?(secret: [UInt8], algorithm: OTPAlgorithm = .sha1, digits: Int = 6, period: Int = TOTP.defaultPeriod) {
        guard period > 0, let hotp = HOTP(secret: secret, algorithm: algorithm, digits: digits) else { return nil }
        self.hotp = hotp
        self.period = period
    }

    /// The time step holding `date`, as a 64-bit counter (RFC 6238 asks for T beyond 32 bits).
    /// Nil before 1970 or beyond what 64 bits hold: no step exists there.
    public func step(at date: Date) -> UInt64? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds >= 0 else { return nil }
        return UInt64(exactly: (seconds / Double(period)).rounded(.down))
    }

    /// The code for time step `step`.
    public func code(step: UInt64) -> String { hotp.code(counter: step) }

    /// The code shown at `date`, or nil when `date` has no step.
    public func code(at date: Date) -> String? { step(at: date).map(code(step:)) }

    public var description: String { "TOTP(\(hotp), period: \(period) s)" }
}
