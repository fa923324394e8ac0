import Foundation

/// Builds a `FormulaNode` tree by precedence climbing. From loosest to tightest binding:
/// `||`; `&&`; comparisons (`= == != <> < > <= >=`); `&`; `+ -`; `* /`; `^`; unary `- + !`.
/// As in spreadsheet formulas, unary minus binds tighter than `^` (`-2^2` is 4) and `^` groups
/// left to right.
struct FormulaParser {
    /// Deepest nesting of parentheses, function calls and unary operators accepted, and most
    /// binary operators in one formula. Real formulas stay far below both (Salesforce caps a
    /// formula at 3,900 characters; the conformance flows nest 6 deep and use at most 59
    /// operators); past them the tree would be deep enough for its recursive walks (and its
    /// release) to overflow a thread's stack, so the formula is refused with a located error.
    static let maximumNesting = 100
    static let maximumOperators = 2_000

    private let tokens: [FormulaToken]
    private var index = 0
    private var nesting = 0
    private var operators = 0

    private init(tokens: [FormulaToken]) {
        self.tokens = tokens
    }

    static func parse(_ source: String) throws(FormulaError) -> FormulaNode {
        var parser = FormulaParser(tokens: try FormulaLexer.tokenize(source))
        guard parser.current.kind != .end else { throw FormulaError("The formula is empty", line: 1, column: 1) }
        let root = try parser.parseExpression()
        guard parser.current.kind == .end else { throw parser.unexpected("an operator or the end of the formula") }
        return root
    }

    private var current: FormulaToken { tokens[index] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private func unexpected(_ expected: String) -> FormulaError {
        FormulaError("Syntax error: expected \(expected), found \(current.quoted)", at: current.position)
    }

    /// Consumes the current token if it is one of `symbols`, returning which.
    private mutating func take(_ symbols: [FormulaSymbol]) -> (FormulaSymbol, FormulaPosition)? {
        guard case .symbol(let symbol) = current.kind, symbols.contains(symbol) else { return nil }
        let position = current.position
        advance()
        return (symbol, position)
    }

    private mutating func parseExpression() throws(FormulaError) -> FormulaNode {
        try nested { (parser: inout FormulaParser) throws(FormulaError) in try parser.parseOr() }
    }

    /// Runs `body` one level deeper, refusing the formula past `maximumNesting`.
    private mutating func nested(_ body: (inout FormulaParser) throws(FormulaError) -> FormulaNode) throws(FormulaError) -> FormulaNode {
        guard nesting < Self.maximumNesting else {
            throw FormulaError("The formula nests more than \(Self.maximumNesting) deep; simplify it", at: current.position)
        }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    /// Counts one binary operator, refusing the formula past `maximumOperators`.
    private mutating func countOperator(at position: FormulaPosition) throws(FormulaError) {
        operators += 1
        guard operators <= Self.maximumOperators else {
            throw FormulaError("The formula has more than \(Self.maximumOperators) operators; split it into several formulas", at: position)
        }
    }

    private mutating func parseOr() throws(FormulaError) -> FormulaNode {
        var left = try parseAnd()
        while let (_, position) = take([.orOr]) {
            try countOperator(at: position)
            left = .binary(.or, left, try parseAnd(), position)
        }
        return left
    }

    private mutating func parseAnd() throws(FormulaError) -> FormulaNode {
        var left = try parseComparison()
        while let (_, position) = take([.andAnd]) {
            try countOperator(at: position)
            left = .binary(.and, left, try parseComparison(), position)
        }
        return left
    }

    private mutating func parseComparison() throws(FormulaError) -> FormulaNode {
        var left = try parseConcatenation()
        let comparisons: [FormulaSymbol] = [
            .equal, .doubleEqual, .notEqual, .lessGreater, .less, .greater, .lessEqual, .greaterEqual,
        ]
        while let (symbol, position) = take(comparisons) {
            try countOperator(at: position)
            let op: FormulaBinaryOperator =
                switch symbol {
                case .equal, .doubleEqual: .equal
                case .notEqual, .lessGreater: .notEqual
                case .less: .less
                case .greater: .greater
                case .lessEqual: .lessEqual
                default: .greaterEqual
                }
            left = .binary(op, left, try parseConcatenation(), position)
        }
        return left
    }

    private mutating func parseConcatenation() throws(FormulaError) -> FormulaNode {
        var left = try parseAdditive()
        while let (_, position) = take([.ampersand]) {
            try countOperator(at: position)
            left = .binary(.concatenate, left, try parseAdditive(), position)
        }
        return left
    }

    private mutating func parseAdditive() throws(FormulaError) -> FormulaNode {
        var left = try parseMultiplicative()
        while let (symbol, position) = take([.plus, .minus]) {
            try countOperator(at: position)
            left = .binary(symbol == .plus ? .add : .subtract, left, try parseMultiplicative(), position)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(FormulaError) -> FormulaNode {
        var left = try parsePower()
        while let (symbol, position) = take([.star, .slash]) {
            try countOperator(at: position)
            left = .binary(symbol == .star ? .multiply : .divide, left, try parsePower(), position)
        }
        return left
    }

    private mutating func parsePower() throws(FormulaError) -> FormulaNode {
        var left = try parseUnary()
        while let (_, position) = take([.caret]) {
            try countOperator(at: position)
            left = .binary(.power, left, try parseUnary(), position)
        }
        return left
    }

    private mutating func parseUnary() throws(FormulaError) -> FormulaNode {
        if let (symbol, position) = take([.minus, .plus, .bang]) {
            let operand = try nested { (parser: inout FormulaParser) throws(FormulaError) in try parser.parseUnary() }
            // Fold `-3` into a literal so constants cost nothing at evaluation.
            if symbol == .minus, case .literal(.number(let number), _) = operand {
                return .literal(.number(-number), position)
            }
            let op: FormulaUnaryOperator = symbol == .minus ? .negate : (symbol == .plus ? .plus : .not)
            return .unary(op, operand, position)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(FormulaError) -> FormulaNode {
        let token = current
        switch token.kind {
        case .number(let number):
            advance()
            return .literal(.number(number), token.position)
        case .string(let text):
            advance()
            return .literal(.string(text), token.position)
        case .mergeField(let body):
            advance()
            return Self.reference(ReferencePath(parsing: body), at: token.position)
        case .identifier(let name):
            advance()
            if case .symbol(.leftParen) = current.kind {
                return try parseCall(name, at: token.position)
            }
            switch name.uppercased() {
            case "TRUE": return .literal(.boolean(true), token.position)
            case "FALSE": return .literal(.boolean(false), token.position)
            case "NULL": return .literal(.null, token.position)
            default: return Self.reference(ReferencePath(parsing: name), at: token.position)
            }
        case .symbol(.leftParen):
            advance()
            let inner = try parseExpression()
            guard take([.rightParen]) != nil else { throw unexpected("')'") }
            return inner
        default:
            throw unexpected("a value")
        }
    }

    /// A reference, except `$GlobalConstant.True/False/EmptyString/Null`, which are constants and
    /// so become literals.
    private static func reference(_ path: ReferencePath, at position: FormulaPosition) -> FormulaNode {
        if path.parts.count == 2, path.head.caseInsensitiveCompare("$GlobalConstant") == .orderedSame {
            switch path.parts[1].lowercased() {
            case "true": return .literal(.boolean(true), position)
            case "false": return .literal(.boolean(false), position)
            case "emptystring": return .literal(.string(""), position)
            case "null": return .literal(.null, position)
            default: break
            }
        }
        return .reference(path, slot: nil, position)
    }

    private mutating func parseCall(_ name: String, at position: FormulaPosition) throws(FormulaError) -> FormulaNode {
        guard let function = FormulaFunction.named(name) else {
            let upper = name.uppercased()
            if name.contains(".") {
                throw FormulaError("'\(name)' is a reference and cannot be called like a function", at: position)
            }
            if FormulaFunction.unsupportedNames.contains(upper) {
                var error = FormulaError("The function \(upper) is not supported in flow formulas", at: position)
                error.isUnsupportedFunction = true
                throw error
            }
            var message = "Unknown function \(name)."
            if let suggestion = FormulaFunction.suggestion(for: name) {
                message += " Did you mean \(suggestion.name)?"
            } else {
                message += " Check spelling."
            }
            throw FormulaError(message, at: position)
        }
        advance()  // the `(`
        var arguments: [FormulaNode] = []
        if take([.rightParen]) == nil {
            while true {
                arguments.append(try parseExpression())
                if take([.comma]) != nil { continue }
                if take([.rightParen]) != nil { break }
                throw unexpected("',' or ')'")
            }
        }
        if let problem = function.arityProblem(arguments.count) {
            throw FormulaError(problem, at: position)
        }
        return .call(function, arguments, position)
    }
}
