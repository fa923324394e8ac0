import Foundation

/// A parsed formula: a tree built once and walked on every evaluation. Functions are resolved to
/// `FormulaFunction` cases and references carry their bound slot, so evaluation does no name lookups.
indirect enum FormulaNode: Sendable, Hashable {
    case literal(FlowValue, FormulaPosition)
    case reference(ReferencePath, slot: Int?, FormulaPosition)
    case unary(FormulaUnaryOperator, FormulaNode, FormulaPosition)
    case binary(FormulaBinaryOperator, FormulaNode, FormulaNode, FormulaPosition)
    case call(FormulaFunction, [FormulaNode], FormulaPosition)

    /// Where the sub-expression starts (for an operator, where the operator is).
    var position: FormulaPosition {
        switch self {
        case .literal(_, let position), .reference(_, _, let position), .unary(_, _, let position),
            .binary(_, _, _, let position), .call(_, _, let position):
            position
        }
    }

    /// Where an error about this sub-expression as an operand should point: its first character.
    var start: FormulaPosition {
        switch self {
        case .binary(_, let left, _, _): left.start
        default: position
        }
    }

    /// Calls `visit` on every reference, in source order.
    func forEachReference(_ visit: (ReferencePath) -> Void) {
        switch self {
        case .literal: break
        case .reference(let path, _, _): visit(path)
        case .unary(_, let operand, _): operand.forEachReference(visit)
        case .binary(_, let left, let right, _):
            left.forEachReference(visit)
            right.forEachReference(visit)
        case .call(_, let arguments, _):
            for argument in arguments { argument.forEachReference(visit) }
        }
    }

    /// Calls `visit` on every function call, outermost first.
    func forEachCall(_ visit: (FormulaFunction, FormulaPosition) -> Void) {
        switch self {
        case .literal, .reference: break
        case .unary(_, let operand, _): operand.forEachCall(visit)
        case .binary(_, let left, let right, _):
            left.forEachCall(visit)
            right.forEachCall(visit)
        case .call(let function, let arguments, let position):
            visit(function, position)
            for argument in arguments { argument.forEachCall(visit) }
        }
    }

    /// A copy with each reference's slot replaced by `resolve`'s answer.
    func binding(_ resolve: (ReferencePath) -> Int?) -> FormulaNode {
        switch self {
        case .literal: self
        case .reference(let path, _, let position): .reference(path, slot: resolve(path), position)
        case .unary(let op, let operand, let position): .unary(op, operand.binding(resolve), position)
        case .binary(let op, let left, let right, let position):
            .binary(op, left.binding(resolve), right.binding(resolve), position)
        case .call(let function, let arguments, let position):
            .call(function, arguments.map { $0.binding(resolve) }, position)
        }
    }
}

enum FormulaUnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case plus = "+"
    case not = "!"
}

enum FormulaBinaryOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
    case concatenate = "&"
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case greater = ">"
    case lessEqual = "<="
    case greaterEqual = ">="
    case and = "&&"
    case or = "||"
}
