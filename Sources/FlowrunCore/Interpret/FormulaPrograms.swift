/// The formula resources of a validated flow, each compiled once (`FormulaCompiler`) when the flow
/// is validated, by resource slot; shared, read-only, by every interview of the flow.
final class FormulaPrograms: Sendable {
    private let programs: [FormulaProgram<Execution>?]

    init(_ resources: [Resource]) {
        programs = resources.map { resource in
            guard case .formula(let formula, _) = resource.kind else { return nil }
            return formula.compiled(for: Execution.self)
        }
    }

    /// The compiled formula of the resource in `slot`; nil when it is not a formula.
    subscript(slot: Int) -> FormulaProgram<Execution>? { programs[slot] }
}
