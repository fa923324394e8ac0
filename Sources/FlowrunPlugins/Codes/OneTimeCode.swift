import Crypto
import FlowrunCore

/// One-time codes and the digests flows keep instead of them.
///
/// A code plug-in returns `CodeHash` (``hash(_:)``) beside the code; a hardened flow stores only the
/// hash on the user record and hands it, with what the user typed, to ``VerifyCodePlugin``, which
/// compares in constant time. So the plain code never sits in a flow variable, an interview's saved
/// state or the record store, and the comparison is done in one audited place rather than by a
/// Decision's `EqualTo`, whose string comparison stops at the first differing character.
///
/// A 6-digit code has a million values, so anyone holding the hash can find the code by trying
/// them all: the hash is still declared secret (masked in traces) and is worth exactly as much as
/// the ten minutes the code lives.
public enum OneTimeCode {
    /// Digits in every SMS, voice and email code.
    public static let length = 6
    static let scheme = "sha256"
    static let saltBytes = 16

    /// `length` uniform digits from `random` (the system CSPRNG unless a test seeds it).
    public static func make(_ random: any RandomSource) -> String {
        random.digits(length)
    }

    /// `sha256$<salt hex>$<digest hex>`, the digest of the salt's bytes then the code's UTF-8.
    /// The salt comes from the system CSPRNG, not the interview's (seedable) random source, so a
    /// seeded run's codes stay the same whether or not it hashes them.
    public static func hash(_ code: String) -> String {
        // Eight bytes to a draw: each draw is a system call.
        hash(code, salt: SystemRandomSource().bytes(saltBytes))
    }

    static func hash(_ code: String, salt: [UInt8]) -> String {
        "\(scheme)$\(Hex.encode(salt))$\(Hex.encode(digest(code, salt: salt)))"
    }

    /// Whether `code` is the code `hash` was made from, compared in constant time; nil when
    /// `hash` is not in the ``hash(_:)`` format.
    public static func matches(_ code: String, hash: String) -> Bool? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == scheme, let salt = Hex.decode(parts[1]), let stored = Hex.decode(parts[2]),
            stored.count == SHA256.byteCount
        else { return nil }
        return ConstantTime.equals(digest(code, salt: salt), stored)
    }

    private static func digest(_ code: String, salt: [UInt8]) -> [UInt8] {
        var sha = SHA256()
        sha.update(data: salt)
        sha.update(data: Array(code.utf8))
        return Array(sha.finalize())
    }
}

/// Lowercase hexadecimal.
enum Hex {
    /// Built as bytes: appending `Character`s one by one was 4% of an SMS interview.
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(characters[index]), let low = value(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
