import Foundation

/// An `application/x-www-form-urlencoded` body: name/value pairs in order, repeated names kept
/// (a group of checkboxes sends one pair per ticked box).
struct FormBody: Sendable {
    var pairs: [(name: String, value: String)]

    /// - Throws: `RequestError` when a pair is not valid percent-encoded UTF-8.
    init(_ text: String) throws(RequestError) {
        pairs = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let sides = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(sides[0]), let value = Self.decode(sides.count > 1 ? sides[1] : "") else {
                throw RequestError(.badRequest, "The form data is not valid URL-encoded text.")
            }
            pairs.append((name, value))
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The last value sent under `name` (a hidden default followed by a ticked checkbox gives the box).
    subscript(name: String) -> String? { pairs.last { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}
