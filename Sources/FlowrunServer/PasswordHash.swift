import Crypto
import Foundation
import _CryptoExtras

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256, stored as one text field on the User record:
///
///     pbkdf2-sha256$600000$<salt, base64>$<32-byte derived key, base64>
///
/// 600,000 iterations is OWASP's 2023 advice for PBKDF2-HMAC-SHA256; the count is stored with each
/// hash, so it can be raised later without invalidating old ones.
public enum PasswordHash {
    public static let defaultIterations = 600_000
    static let scheme = "pbkdf2-sha256"

    /// The hash of `password` with a fresh 16-byte salt.
    public static func make(password: String, iterations: Int = defaultIterations) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key = try derive(password: password, salt: Data(salt), iterations: iterations, length: 32)
        return [scheme, String(iterations), Data(salt).base64EncodedString(), key.base64EncodedString()]
            .joined(separator: "$")
    }

    /// True when `password` hashes to `encoded`. A malformed `encoded` never matches.
    public static func verify(password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let iterations = Int(parts[1]), iterations >= 1,
            iterations <= 10_000_000, let salt = Data(base64Encoded: String(parts[2])),
            let expected = Data(base64Encoded: String(parts[3])), !expected.isEmpty, expected.count <= 64,
            let actual = try? derive(password: password, salt: salt, iterations: iterations, length: expected.count)
        else { return false }
        return constantTimeEqual(actual, expected)
    }

    /// Run for unknown usernames, so a wrong name takes as long as a wrong password.
    static func spendTime(password: String) {
        _ = try? derive(password: password, salt: Data(repeating: 0, count: 16), iterations: defaultIterations, length: 32)
    }

    /// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256, from swift-crypto's BoringSSL-backed implementation.
    static func derive(password: String, salt: Data, iterations: Int, length: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: length,
            unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Data($0) }
    }

    static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}
