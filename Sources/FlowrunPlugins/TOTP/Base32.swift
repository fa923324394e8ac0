/// RFC 4648 §6 Base32, the alphabet TOTP secrets travel in (`otpauth://…?secret=`).
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// `bytes` as Base32. Without padding by default: the Key URI format says padding "is not
    /// required and should be omitted".
    public static func encode(_ bytes: [UInt8], padding: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)]) }
        if padding { while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) } }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes `text` encodes, or nil when it is not Base32.
    ///
    /// Lenient where people and apps are (Key URI format: parsers should be case-insensitive and
    /// tolerate missing padding and spaces): any case, spaces and hyphens anywhere, `=` padding
    /// optional at the end. Strict about everything else: a character outside the alphabet, or a
    /// length no encoder produces (1, 3 or 6 characters in the last group), is nil, so a mistyped
    /// secret fails instead of silently becoming another key.
    public static func decode(_ text: String) -> [UInt8]? {
        var symbols: [UInt8] = []
        var paddingSeen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "="):
                paddingSeen = true
            default:
                guard !paddingSeen, let value = value(of: byte) else { return nil }
                symbols.append(value)
            }
        }
        guard ![1, 3, 6].contains(symbols.count % 8) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(symbols.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            buffer = (buffer << 5) | UInt32(symbol)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bytes
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): byte - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}
