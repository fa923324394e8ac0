import Foundation

/// Constant folding: a sub-expression that reads nothing from the environment (no reference, no
/// clock) and calls only cheap, pure functions, such as `DATE(2024, 1, 31)` or `1 - 0.05`, is
/// evaluated once at compile time, by the tree-walker itself, and becomes its value.
///
/// Identical by construction: the tree-walker consults the environment only for references and
/// for the clock and record functions, which a folded expression has none of, so its value is the
/// same in any environment. One that fails is not folded: it raises its error, at its position,
/// on each evaluation that reaches it, as before. Only cheap functions are folded, because a
/// folded expression is worked out even when the formula would never evaluate it (an IF's other
/// branch), and compiling a flow must stay as quick as checking it.
extension FormulaCompiler {
    static func folded(_ node: FormulaNode) -> FlowValue? {
        if case .literal = node { return nil }
        guard isFoldable(node) else { return nil }
        return try? FormulaEvaluator<DictionaryFormulaEnvironment>.evaluate(node, in: DictionaryFormulaEnvironment())
    }

    private static func isFoldable(_ node: FormulaNode) -> Bool {
        switch node {
        case .literal: true
        case .reference: false
        case .unary(_, let operand, _): isFoldable(operand)
        case .binary(_, let left, let right, _): isFoldable(left) && isFoldable(right)
        case .call(let function, let arguments, _): isFoldable(function) && arguments.allSatisfy(isFoldable)
        }
    }

    /// Pure functions whose cost is that of reading their arguments (no padding, repeating or
    /// pattern matching, whose cost the arguments' values decide).
    private static func isFoldable(_ function: FormulaFunction) -> Bool {
        switch function {
        case .date, .dateTimeValue, .timeValue, .value, .text, .len, .upper, .lower, .trim, .br, .if, .case, .and, .or, .not,
            .isBlank, .isNull, .blankValue, .nullValue, .round, .abs, .max, .min, .mod, .floor, .ceiling, .trunc:
            true
        default:
            false
        }
    }
}
