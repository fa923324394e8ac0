import FlowrunPlugins
import Testing

@Suite("Base32 (RFC 4648)")
struct TOTPBase32Tests {
    /// RFC 4648 §10's test vectors.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test("RFC 4648 §10 vectors, padded", arguments: vectors)
    func padded(text: String, encoded: String) {
        #expect(Base32.encode(Array(text.utf8), padding: true) == encoded)
        #expect(Base32.decode(encoded) == Array(text.utf8))
    }

    @Test("unpadded by default, as otpauth URIs want: \"foobar\" is MZXW6YTBOI")
    func unpadded() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("MZXW6YTBOI") == Array("foobar".utf8))
    }

    @Test("decoding ignores case, spaces and hyphens")
    func lenientDecode() {
        #expect(Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW 6YTB-OI") == Array("foobar".utf8))
        // The Key URI format's example secret: "Hello!" DE AD BE EF.
        #expect(Base32.decode("JBSWY3DPEHPK3PXP") == Array("Hello!".utf8) + [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test("not Base32: a foreign character, padding mid-text, an impossible length", arguments: ["MZXW1", "MZ=XW", "MZXW6YTBO", "M"])
    func invalid(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test("every length from 0 to 40 bytes round-trips")
    func roundTrip() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
            #expect(Base32.decode(Base32.encode(bytes, padding: true)) == bytes)
        }
    }
}
