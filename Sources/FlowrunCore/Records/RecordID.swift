/// Salesforce-style record Ids: a 3-character key prefix for the object, 12 more characters,
/// and the 3-character case-safe suffix that makes the 18-character form.
public enum RecordID {
    /// Standard key prefixes; other objects get a stable prefix derived from their name.
    static let knownPrefixes: [String: String] = [
        "account": "001", "contact": "003", "user": "005", "opportunity": "006", "case": "500",
        "lead": "00Q", "task": "00T", "event": "00U", "profile": "00e", "group": "00G",
        "campaign": "701", "contract": "800", "order": "801", "product2": "01t", "pricebook2": "01s",
        "feeditem": "0D5", "emailmessage": "02s", "contentdocument": "069", "asset": "02i",
    ]

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    private static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")

    /// The key prefix of `object`: the standard one, or `a` + two characters from the name's hash.
    public static func prefix(for object: String) -> String {
        if let known = knownPrefixes[object.lowercased()] { return known }
        var hash: UInt32 = 2_166_136_261
        for byte in object.lowercased().utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return "a" + String(alphabet[Int(hash % 62)]) + String(alphabet[Int((hash / 62) % 62)])
    }

    /// A new 18-character Id for `object`, numbered `sequence` (stores count their inserts).
    public static func make(object: String, sequence: Int) -> String {
        var digits: [Character] = []
        var remaining = max(sequence, 0)
        for _ in 0..<12 {
            digits.append(alphabet[remaining % 62])
            remaining /= 62
        }
        let fifteen = prefix(for: object) + String(digits.reversed())
        return fifteen + checksum(fifteen)
    }

    /// The 3 characters Salesforce appends to a 15-character Id to make it case-insensitive.
    public static func checksum(_ fifteen: String) -> String {
        let characters = Array(fifteen)
        guard characters.count == 15 else { return "" }
        var suffix = ""
        for chunk in 0..<3 {
            var bits = 0
            for position in 0..<5 where characters[chunk * 5 + position].isUppercase {
                bits |= 1 << position
            }
            suffix.append(suffixAlphabet[bits])
        }
        return suffix
    }
}
