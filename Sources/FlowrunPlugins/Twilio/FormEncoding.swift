/// `application/x-www-form-urlencoded` bodies, as Twilio's 2010 API takes them.
enum FormEncoding {
    /// `name=value` pairs joined with `&`, in the order given.
    static func encode(_ fields: [(name: String, value: String)]) -> String {
        fields.map { "\(percentEncode($0.name))=\(percentEncode($0.value))" }.joined(separator: "&")
    }

    /// Every byte outside RFC 3986's unreserved set is percent-encoded, space as `%20`.
    ///
    /// Stricter than the form rules need, on purpose: a `+` left raw reads as a space on the
    /// server, which turns the E.164 number `+15555550100` into ` 15555550100`.
    ///
    /// `keeping` names extra bytes left as they are, for URI parts with looser rules than a form
    /// (the `@` of an otpauth label).
    static func percentEncode(_ text: String, keeping: Set<UInt8> = []) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || keeping.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%"
                encoded.unicodeScalars.append(hexDigit(byte >> 4))
                encoded.unicodeScalars.append(hexDigit(byte & 0x0F))
            }
        }
        return encoded
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
    }
}
