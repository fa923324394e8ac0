import Foundation

/// A reference to a resource, possibly into its fields: `Mobile`, `Get_User.MobilePhone`,
/// `$Flow.CurrentDateTime`, `$Record.Owner.Email`. Written bare in `<elementReference>` and
/// inside `{!…}` in text and formulas.
public struct ReferencePath: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The parts between dots; the first names the resource (or the `$Global`).
    public var parts: [String]

    public init(_ parts: [String]) { self.parts = parts }

    /// Splits `text` at dots after trimming blanks and an optional `{!` `}` wrapper.
    public init(parsing text: some StringProtocol) {
        var body = Self.trimmed(text, .whitespacesAndNewlines)[...]
        if body.hasPrefix("{!"), body.hasSuffix("}") { body = body.dropFirst(2).dropLast() }
        parts = body.split(separator: ".", omittingEmptySubsequences: false).map { Self.trimmed($0, .whitespaces) }
    }

    /// `text.trimmingCharacters(in: blanks)`, without Foundation when there is nothing to trim:
    /// on Linux it goes through NSString, and every reference in a flow is parsed here (it was a
    /// tenth of parsing a large flow). Both sets hold no ASCII but tab, the line breaks and space.
    private static func trimmed(_ text: some StringProtocol, _ blanks: CharacterSet) -> String {
        let string = String(text)
        guard let first = string.utf8.first, let last = string.utf8.last else { return "" }
        func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }
        return isPlain(first) && isPlain(last) ? string : string.trimmingCharacters(in: blanks)
    }

    /// The resource named (`Get_User` in `Get_User.MobilePhone`).
    public var head: String { parts.first ?? "" }

    /// The field path after the resource (`["MobilePhone"]`).
    public var fields: ArraySlice<String> { parts.dropFirst() }

    /// True for `$Flow`, `$User`, `$Record`, … references.
    public var isGlobal: Bool { head.hasPrefix("$") }

    public var description: String { parts.joined(separator: ".") }
}
