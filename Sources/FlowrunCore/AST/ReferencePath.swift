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
        var body = String(text).trimmingWhitespaceAndNewlines()[...]
        if body.hasPrefix("{!"), body.hasSuffix("}") { body = body.dropFirst(2).dropLast() }
        parts = body.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
    }

    /// The resource named (`Get_User` in `Get_User.MobilePhone`).
    public var head: String { parts.first ?? "" }

    /// The field path after the resource (`["MobilePhone"]`).
    public var fields: ArraySlice<String> { parts.dropFirst() }

    /// True for `$Flow`, `$User`, `$Record`, … references.
    public var isGlobal: Bool { head.hasPrefix("$") }

    public var description: String { parts.joined(separator: ".") }
}
