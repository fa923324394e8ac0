import Foundation

/// Turns a bound `FormulaNode` tree, once, into a `FormulaProgram`: each node becomes a closure
/// that captures what it needs (its literal, its reference's path and slot, its operator's
/// function, its compiled operands), so that evaluating does none of the tree-walker's switching
/// over node kinds and function names.
///
/// The semantics are `FormulaEvaluator`'s, node for node: the same operator and built-in code
/// (`FormulaOperators`, `FormulaBuiltins`), the same order of evaluation, the same short-circuits
/// and the same error positions. Anything the compiler does differently must be provably identical
/// in result (see `FormulaCompiler+Folding`).
enum FormulaCompiler<Environment: FormulaEnvironment> {
    typealias Body = FormulaProgram<Environment>.Body
    typealias Condition = @Sendable (Environment) throws(FormulaError) -> Bool

    static func compile(_ node: FormulaNode) -> FormulaProgram<Environment> {
        FormulaProgram(body: body(of: node))
    }

    static func body(of node: FormulaNode) -> Body {
        if let constant = folded(node) { return { _ in constant } }
        switch node {
        case .literal(let value, _):
            return { _ in value }
        case .reference(let path, let slot, let position):
            return { environment throws(FormulaError) in
                do throws(FormulaError) {
                    return try environment.value(of: path, slot: slot)
                } catch {
                    throw error.placed(at: position)
                }
            }
        case .unary(let op, let operand, let position):
            let operand = body(of: operand)
            return { environment throws(FormulaError) in
                let value = try operand(environment)
                do throws(FormulaError) {
                    return try FormulaOperators.apply(op, value)
                } catch {
                    throw error.placed(at: position)
                }
            }
        case .binary(.and, let left, let right, _):
            // Short-circuit, as AND() does: the right side is not evaluated when the left is false.
            let left = condition(left)
            let right = condition(right)
            return { environment throws(FormulaError) in
                guard try left(environment) else { return .boolean(false) }
                return .boolean(try right(environment))
            }
        case .binary(.or, let left, let right, _):
            let left = condition(left)
            let right = condition(right)
            return { environment throws(FormulaError) in
                if try left(environment) { return .boolean(true) }
                return .boolean(try right(environment))
            }
        case .binary(let op, let left, let right, let position):
            let left = body(of: left)
            let right = body(of: right)
            let operation = operation(op)
            return { environment throws(FormulaError) in
                let lhs = try left(environment)
                let rhs = try right(environment)
                do throws(FormulaError) {
                    return try operation(lhs, rhs)
                } catch {
                    throw error.placed(at: position)
                }
            }
        case .call(let function, let arguments, let position):
            return call(function, arguments, at: position)
        }
    }

    /// A logical test: true, false, or null (a blank condition counts as false, as in Salesforce).
    static func condition(_ node: FormulaNode) -> Condition {
        let value = body(of: node)
        let start = node.start
        return { environment throws(FormulaError) in
            switch try value(environment) {
            case .boolean(let flag): return flag
            case .null: return false
            case let other:
                throw FormulaError("Expected a Boolean (true or false), received \(other.kindName)", at: start)
            }
        }
    }

    /// The operator's own function, chosen once; the rest go through `FormulaOperators.apply`,
    /// whose switch on the operator is the same code either way.
    private static func operation(_ op: FormulaBinaryOperator)
        -> @Sendable (FlowValue, FlowValue) throws(FormulaError) -> FlowValue
    {
        switch op {
        case .add: FormulaOperators.add
        case .subtract: FormulaOperators.subtract
        case .concatenate: FormulaOperators.concatenate
        case .equal: { lhs, rhs throws(FormulaError) in .boolean(try FormulaOperators.equal(lhs, rhs)) }
        case .notEqual: { lhs, rhs throws(FormulaError) in .boolean(!(try FormulaOperators.equal(lhs, rhs))) }
        default: { lhs, rhs throws(FormulaError) in try FormulaOperators.apply(op, lhs, rhs) }
        }
    }
}
