/// Reads the `conditionLogic` / `filterLogic` of decisions and record filters:
/// `and`, `or`, or custom logic such as `1 AND (2 OR NOT 3)` over 1-based condition numbers.
enum ConditionLogicParser {
    struct Failure: Error {
        var message: String
        /// 0-based offset in the logic text.
        var offset: Int
    }

    static func parse(_ text: String, conditionCount: Int) throws(Failure) -> ConditionLogic {
        switch text.lowercased() {
        case "and": return .all(conditionCount)
        case "or": return .any(conditionCount)
        default: break
        }
        var parser = Parser(tokens: try tokenize(text), textLength: text.count)
        let logic = try parser.parseOr()
        if let extra = parser.peek {
            throw Failure(message: "unexpected '\(extra.text)' in condition logic", offset: extra.offset)
        }
        for number in logic.conditionNumbers where number < 1 || number > conditionCount {
            throw Failure(
                message: "condition logic names condition \(number), but there are \(conditionCount) conditions",
                offset: 0)
        }
        return logic
    }

    struct Token {
        var text: String
        var offset: Int
    }

    private static func tokenize(_ text: String) throws(Failure) -> [Token] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return try tokenizeASCII(text) }
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "(" || character == ")" {
                tokens.append(Token(text: String(character), offset: index))
                index += 1
            } else if character.isNumber || character.isLetter {
                let start = index
                while index < characters.count, characters[index].isNumber || characters[index].isLetter { index += 1 }
                tokens.append(Token(text: String(characters[start..<index]), offset: start))
            } else {
                throw Failure(message: "unexpected '\(character)' in condition logic", offset: index)
            }
        }
        return tokens
    }

    /// `tokenize` for ASCII text (all real logic), by bytes: splitting it into `Character`s
    /// was a third of checking a decision. Offsets are the same, a byte being a character here.
    private static func tokenizeASCII(_ text: String) throws(Failure) -> [Token] {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        func isWord(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                tokens.append(Token(text: byte == UInt8(ascii: "(") ? "(" : ")", offset: index))
                index += 1
            } else if isWord(byte) {
                let start = index
                while index < bytes.count, isWord(bytes[index]) { index += 1 }
                tokens.append(Token(text: String(decoding: bytes[start..<index], as: UTF8.self), offset: start))
            } else {
                throw Failure(message: "unexpected '\(Character(Unicode.Scalar(byte)))' in condition logic", offset: index)
            }
        }
        return tokens
    }

    /// Deepest nesting of parentheses and NOTs accepted: far past any real logic, and short of
    /// the depth at which the recursive parse and the tree's release would overflow the stack.
    static let maximumNesting = 100

    private struct Parser {
        var tokens: [Token]
        var position = 0
        let textLength: Int
        var nesting = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func take(_ word: String) -> Bool {
            guard let token = peek, token.text.uppercased() == word else { return false }
            position += 1
            return true
        }

        mutating func parseOr() throws(Failure) -> ConditionLogic {
            var parts = [try parseAnd()]
            while take("OR") { parts.append(try parseAnd()) }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func parseAnd() throws(Failure) -> ConditionLogic {
            var parts = [try parseUnary()]
            while take("AND") { parts.append(try parseUnary()) }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        mutating func parseUnary() throws(Failure) -> ConditionLogic {
            guard nesting < ConditionLogicParser.maximumNesting else {
                throw Failure(
                    message: "condition logic nests more than \(ConditionLogicParser.maximumNesting) deep",
                    offset: peek?.offset ?? textLength)
            }
            nesting += 1
            defer { nesting -= 1 }
            if take("NOT") { return .not(try parseUnary()) }
            guard let token = peek else {
                throw Failure(message: "condition logic ends too early; expected a condition number", offset: textLength)
            }
            position += 1
            if token.text == "(" {
                let inner = try parseOr()
                guard take(")") else {
                    throw Failure(message: "missing ')' in condition logic", offset: peek?.offset ?? textLength)
                }
                return inner
            }
            guard let number = Int(token.text) else {
                throw Failure(message: "expected a condition number, found '\(token.text)'", offset: token.offset)
            }
            return .condition(number)
        }
    }
}
