import Foundation

/// A Salesforce formula (`<expression>` of a flow formula, a decision condition, a validation
/// rule), parsed once and evaluated as often as needed.
///
/// ```swift
/// let formula = try Formula.parse("IF(Amount > 1000, 'Big', 'Small')")
/// let value = try formula.evaluate(in: DictionaryFormulaEnvironment(["Amount": 1500]))  // "Big"
/// ```
public struct Formula: Sendable, Hashable {
    public let source: String
    let root: FormulaNode
    /// Every reference the formula names (bare `Var`, `Var.Field`, `{!Var}`, `$Flow.CurrentDate`,
    /// `$Record.Name`), in source order, deduplicated. `$GlobalConstant.True/False/EmptyString`
    /// are constants, not references.
    public let references: [ReferencePath]

    private init(source: String, root: FormulaNode, references: [ReferencePath]) {
        self.source = source
        self.root = root
        self.references = references
    }

    /// Parses; a syntax error says where (1-based line and column within `source`).
    public static func parse(_ source: String) throws(FormulaError) -> Formula {
        let root = try FormulaParser.parse(source)
        var seen: Set<ReferencePath> = []
        var references: [ReferencePath] = []
        root.forEachReference { path in
            if seen.insert(path).inserted { references.append(path) }
        }
        return Formula(source: source, root: root, references: references)
    }

    /// A copy where each reference for which `resolve` returns a slot index is bound to it
    /// (done once at validation, so evaluation does no name lookups).
    public func binding(_ resolve: (ReferencePath) -> Int?) -> Formula {
        Formula(source: source, root: root.binding(resolve), references: references)
    }

    /// The functions the formula calls, each with its 1-based line and column in `source`.
    var calls: [(function: FormulaFunction, line: Int, column: Int)] {
        var found: [(function: FormulaFunction, line: Int, column: Int)] = []
        root.forEachCall { found.append(($0, $1.line, $1.column)) }
        return found
    }

    public func evaluate(in environment: some FormulaEnvironment) throws(FormulaError) -> FlowValue {
        try FormulaEvaluator.evaluate(root, in: environment)
    }

    /// Best-effort static result type given the types of references (nil = unknown). Used by the
    /// validator for type mismatch diagnostics.
    public func inferredType(_ typeOf: (ReferencePath) -> FlowDataType?) -> FlowDataType? {
        // The inference never stores the closure beyond this call.
        withoutActuallyEscaping(typeOf) { typeOf in FormulaTypeInference(typeOf: typeOf).type(of: root) }
    }
}
