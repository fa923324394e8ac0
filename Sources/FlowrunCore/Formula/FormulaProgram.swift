import Foundation

/// A formula compiled once (by `FormulaCompiler`) into a tree of closures: evaluating it does no
/// dispatch on node kinds or function names, and gives exactly the value, or the error with its
/// message and position, that the tree-walking `FormulaEvaluator` gives for the same formula.
///
/// Built once per formula of a validated flow and shared by every interview that runs it.
public struct FormulaProgram<Environment: FormulaEnvironment>: Sendable {
    typealias Body = @Sendable (Environment) throws(FormulaError) -> FlowValue

    let body: Body

    public func evaluate(in environment: Environment) throws(FormulaError) -> FlowValue {
        try body(environment)
    }
}

extension Formula {
    /// This formula compiled for evaluation in `Environment`; compile once, evaluate often.
    public func compiled<E: FormulaEnvironment>(for environment: E.Type) -> FormulaProgram<E> {
        FormulaCompiler<E>.compile(root)
    }
}
