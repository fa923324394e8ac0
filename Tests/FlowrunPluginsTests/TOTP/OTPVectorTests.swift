import FlowrunPlugins
import Foundation
import Testing

/// The published test vectors (plugin-apis.md §4), with each algorithm's own seed.
enum RFCSeeds {
    /// ASCII "12345678901234567890": RFC 4226 Appendix D, and RFC 6238's SHA1 column.
    static let sha1 = Array("12345678901234567890".utf8)
    /// RFC 6238 Appendix A's `seed32`, for the SHA256 column.
    static let sha256 = Array("12345678901234567890123456789012".utf8)
    /// RFC 6238 Appendix A's `seed64`, for the SHA512 column.
    static let sha512 = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)
}

@Suite("HOTP (RFC 4226 Appendix D)")
struct TOTPHOTPVectorTests {
    @Test(
        "HMAC-SHA1, 6 digits, counters 0–9",
        arguments: Array(
            zip(0...9, ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"])
        )
    )
    func vector(counter: Int, expected: String) throws {
        let hotp = try #require(HOTP(secret: RFCSeeds.sha1))
        #expect(hotp.code(counter: UInt64(counter)) == expected)
    }

    @Test("6 to 8 digits only, and never an empty secret")
    func limits() {
        #expect(HOTP(secret: RFCSeeds.sha1, digits: 5) == nil)
        #expect(HOTP(secret: RFCSeeds.sha1, digits: 9) == nil)
        #expect(HOTP(secret: [], digits: 6) == nil)
        #expect(HOTP(secret: RFCSeeds.sha1, digits: 8) != nil)
    }

    @Test("describing an HOTP or TOTP never shows the secret")
    func redacted() throws {
        let totp = try #require(TOTP(secret: RFCSeeds.sha1))
        var dumped = ""
        dump(totp, to: &dumped)
        for text in ["\(totp)", String(reflecting: totp), "\(totp.hotp)", dumped] {
            #expect(!text.contains("49, 50, 51"))
            #expect(!text.contains("GEZDGNBV"))
        }
    }
}

@Suite("TOTP (RFC 6238 Appendix B: X = 30, T0 = 0, 8 digits)")
struct TOTPVectorTests {
    struct Vector: Sendable, CustomStringConvertible {
        var time: TimeInterval
        var step: UInt64
        var sha1: String
        var sha256: String
        var sha512: String
        var description: String { "t = \(Int64(time))" }
    }

    static let vectors = [
        Vector(time: 59, step: 0x1, sha1: "94287082", sha256: "46119246", sha512: "90693936"),
        Vector(time: 1_111_111_109, step: 0x23523EC, sha1: "07081804", sha256: "68084774", sha512: "25091201"),
        Vector(time: 1_111_111_111, step: 0x23523ED, sha1: "14050471", sha256: "67062674", sha512: "99943326"),
        Vector(time: 1_234_567_890, step: 0x273EF07, sha1: "89005924", sha256: "91819424", sha512: "93441116"),
        Vector(time: 2_000_000_000, step: 0x3F940AA, sha1: "69279037", sha256: "90698825", sha512: "38618901"),
        Vector(time: 20_000_000_000, step: 0x27BC86AA, sha1: "65353130", sha256: "77737706", sha512: "47863826"),
    ]

    @Test("the time step, SHA1, SHA256 and SHA512 codes", arguments: vectors)
    func vector(_ vector: Vector) throws {
        let date = Date(timeIntervalSince1970: vector.time)
        let sha1 = try #require(TOTP(secret: RFCSeeds.sha1, algorithm: .sha1, digits: 8))
        let sha256 = try #require(TOTP(secret: RFCSeeds.sha256, algorithm: .sha256, digits: 8))
        let sha512 = try #require(TOTP(secret: RFCSeeds.sha512, algorithm: .sha512, digits: 8))
        #expect(sha1.step(at: date) == vector.step)
        #expect(sha1.code(at: date) == vector.sha1)
        #expect(sha256.code(at: date) == vector.sha256)
        #expect(sha512.code(at: date) == vector.sha512)
    }

    @Test("no time step before 1970")
    func beforeEpoch() throws {
        let totp = try #require(TOTP(secret: RFCSeeds.sha1))
        #expect(totp.step(at: Date(timeIntervalSince1970: -1)) == nil)
        #expect(totp.step(at: Date(timeIntervalSince1970: 29.9)) == 0)
    }

    @Test("algorithm names are read loosely")
    func algorithmNames() {
        #expect(OTPAlgorithm(name: "sha1") == .sha1)
        #expect(OTPAlgorithm(name: "SHA-256") == .sha256)
        #expect(OTPAlgorithm(name: " Sha512 ") == .sha512)
        #expect(OTPAlgorithm(name: "MD5") == nil)
    }
}
