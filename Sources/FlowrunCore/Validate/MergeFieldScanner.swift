import Foundation

/// Finds `{!reference}` merge fields in text (text templates, display text, string values).
enum MergeFieldScanner {
    enum Piece {
        case text(String)
        /// A reference and its 0-based character offset (of the `{`) in the text.
        case reference(String, offset: Int)
    }

    static func scan(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "!",
                let close = characters[(index + 2)...].firstIndex(of: "}")
            {
                let body = String(characters[(index + 2)..<close])
                if isReference(body) {
                    if !literal.isEmpty { pieces.append(.text(literal)) }
                    literal = ""
                    pieces.append(.reference(body.trimmingWhitespace(), offset: index))
                    index = close + 1
                    continue
                }
            }
            literal.append(characters[index])
            index += 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    /// Merge fields name resources: letters, digits, `_`, `.`, and a leading `$`.
    private static func isReference(_ body: String) -> Bool {
        let trimmed = body.trimmingWhitespace()
        guard !trimmed.isEmpty else { return false }
        return trimmed.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "$" }
    }
}
