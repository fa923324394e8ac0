import Foundation

/// Splits formula source into tokens, tracking 1-based line and column (counted in characters)
/// so every later error can say where it is.
struct FormulaLexer {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        characters = Array(source)
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ source: String) throws(FormulaError) -> [FormulaToken] {
        var lexer = FormulaLexer(source)
        var tokens: [FormulaToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: FormulaPosition { FormulaPosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        let at = index + offset
        return at < characters.count ? characters[at] : nil
    }

    private mutating func advance() {
        if characters[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipBlanksAndComments() throws(FormulaError) {
        while let character = peek() {
            if character.isWhitespace {
                advance()
            } else if character == "/", peek(1) == "*" {
                let start = position
                advance()
                advance()
                while true {
                    guard let inner = peek() else { throw FormulaError("Comment is not closed with */", at: start) }
                    if inner == "*", peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    mutating func next() throws(FormulaError) -> FormulaToken {
        try skipBlanksAndComments()
        let start = position
        guard let character = peek() else { return FormulaToken(kind: .end, position: start) }

        if character.isASCII, character.isNumber || (character == "." && (peek(1)?.isASCIIDigit ?? false)) {
            return FormulaToken(kind: .number(try lexNumber(start)), position: start)
        }
        if character == "\"" || character == "'" {
            return FormulaToken(kind: .string(try lexString(quote: character, start)), position: start)
        }
        if character == "{", peek(1) == "!" {
            return FormulaToken(kind: .mergeField(try lexMergeField(start)), position: start)
        }
        if character.isIdentifierStart || character == "$" {
            return FormulaToken(kind: .identifier(lexIdentifier()), position: start)
        }
        // Two-character operators first, so `<=` is not read as `<` then `=`.
        if let second = peek(1), let symbol = FormulaSymbol(rawValue: String([character, second])) {
            advance()
            advance()
            return FormulaToken(kind: .symbol(symbol), position: start)
        }
        if let symbol = FormulaSymbol(rawValue: String(character)) {
            advance()
            return FormulaToken(kind: .symbol(symbol), position: start)
        }
        if character == "|" {
            throw FormulaError("Unexpected '|'; did you mean '||'?", at: start)
        }
        throw FormulaError("Unexpected character '\(character)'", at: start)
    }

    private mutating func lexNumber(_ start: FormulaPosition) throws(FormulaError) -> Decimal {
        var text = ""
        while let character = peek(), character.isASCIIDigit {
            text.append(character)
            advance()
        }
        if peek() == ".", peek(1)?.isASCIIDigit ?? false {
            text.append(".")
            advance()
            while let character = peek(), character.isASCIIDigit {
                text.append(character)
                advance()
            }
        }
        if let character = peek(), character.isIdentifierStart {
            throw FormulaError("Unexpected '\(character)' after the number \(text)", at: position)
        }
        guard let number = Decimal.parseStrict(text) else { throw FormulaError("Invalid number '\(text)'", at: start) }
        return number
    }

    private mutating func lexString(quote: Character, _ start: FormulaPosition) throws(FormulaError) -> String {
        advance()
        var text = ""
        while true {
            guard let character = peek() else { throw FormulaError("Text literal is not closed", at: start) }
            if character == quote {
                advance()
                return text
            }
            if character == "\\" {
                let escapePosition = position
                advance()
                guard let escaped = peek() else { throw FormulaError("Text literal is not closed", at: start) }
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "b": text.append("\u{8}")
                case "f": text.append("\u{c}")
                case "\"", "'", "\\": text.append(escaped)
                default:
                    throw FormulaError("Invalid escape sequence '\\\(escaped)' in text", at: escapePosition)
                }
                advance()
                continue
            }
            text.append(character)
            advance()
        }
    }

    private mutating func lexMergeField(_ start: FormulaPosition) throws(FormulaError) -> String {
        advance()
        advance()
        var body = ""
        while true {
            guard let character = peek(), character != "\n" else {
                throw FormulaError("Merge field is not closed with '}'", at: start)
            }
            advance()
            if character == "}" { break }
            body.append(character)
        }
        let trimmed = body.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw FormulaError("Empty merge field '{!}'", at: start) }
        return trimmed
    }

    /// A name, with `.Field` parts joined on while a dot is followed by a name character.
    private mutating func lexIdentifier() -> String {
        var name = ""
        if peek() == "$" {
            name.append("$")
            advance()
        }
        while true {
            while let character = peek(), character.isIdentifierPart {
                name.append(character)
                advance()
            }
            guard peek() == ".", let after = peek(1), after.isIdentifierPart || after == "$" else { return name }
            name.append(".")
            advance()
            if peek() == "$" {
                name.append("$")
                advance()
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isIdentifierStart: Bool { isLetter || self == "_" }
    fileprivate var isIdentifierPart: Bool { isLetter || isNumber || self == "_" }
}
