/// RFC 4226 HOTP: `Truncate(HMAC(K, C)) mod 10^Digit`, with `C` an 8-byte big-endian counter.
///
/// The secret is key material: `description`, `debugDescription` and `dump` never show it.
public struct HOTP: Sendable, Hashable {
    /// RFC 4226 R4 asks for at least 6 digits; above 8 the 31-bit truncated value gives no more.
    public static let allowedDigits = 6...8

    public let secret: [UInt8]
    public let algorithm: OTPAlgorithm
    public let digits: Int

    /// Nil when `digits` is outside ``allowedDigits`` or the secret is empty.
    public init?(secret: [UInt8], algorithm: OTPAlgorithm = .sha1, digits: Int = 6) {
        guard Self.allowedDigits.contains(digits), !secret.isEmpty else { return nil }
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
    }

    /// The code for `counter`, left-padded with zeros to ``digits``.
    public func code(counter: UInt64) -> String {
        let message = (0..<8).reversed().map { UInt8(truncatingIfNeeded: counter >> (UInt64($0) * 8)) }
        let mac = algorithm.authenticationCode(key: secret, message: message)
        // Dynamic truncation (RFC 4226 §5.3), with the offset from the last byte as RFC 6238's
        // reference code does, so SHA-256 and SHA-512 work too. Every HMAC here is ≥ 20 bytes and
        // the offset ≤ 15, so offset + 3 is always in range.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }
}

extension HOTP: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "HOTP(\(algorithm.rawValue), \(digits) digits, secret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["algorithm": algorithm, "digits": digits], displayStyle: .struct)
    }
}
