import Foundation

/// One lexical unit of a formula, with where it starts.
struct FormulaToken: Sendable, Equatable {
    var kind: Kind
    var position: FormulaPosition

    enum Kind: Sendable, Equatable {
        case number(Decimal)
        case string(String)
        /// A bare name, possibly dotted: `Amount`, `Get_User.MobilePhone`, `$Flow.CurrentDate`, `IF`.
        case identifier(String)
        /// The inside of `{!…}`.
        case mergeField(String)
        case symbol(FormulaSymbol)
        case end
    }

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .number(let number): "'\(number.plainText)'"
        case .string: "a text literal"
        case .identifier(let name): "'\(name)'"
        case .mergeField(let body): "'{!\(body)}'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "the end of the formula"
        }
    }
}

enum FormulaSymbol: String, Sendable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case caret = "^"
    case ampersand = "&"
    case equal = "="
    case doubleEqual = "=="
    case notEqual = "!="
    case lessGreater = "<>"
    case less = "<"
    case greater = ">"
    case lessEqual = "<="
    case greaterEqual = ">="
    case andAnd = "&&"
    case orOr = "||"
    case bang = "!"
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
}
