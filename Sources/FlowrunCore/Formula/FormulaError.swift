/// A formula that cannot be parsed or evaluated, with where in the formula's own source the
/// problem is (1-based line and column), so a caller can map it into the flow file.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 1-based line within the formula source; 0 when not yet known (see `FormulaEnvironment`).
    public var line: Int
    /// 1-based column within that line; 0 when not yet known.
    public var column: Int
    /// The formula calls a function Salesforce does not allow in a flow formula (the flow cannot
    /// be saved), as opposed to a syntax error.
    public var isUnsupportedFunction = false

    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { message }

    /// An error raised where the position is not known yet (by an environment or a helper);
    /// the evaluator places it at the sub-expression that raised it.
    public static func unplaced(_ message: String) -> FormulaError {
        FormulaError(message, line: 0, column: 0)
    }

    var isPlaced: Bool { line > 0 }

    func placed(at position: FormulaPosition) -> FormulaError {
        isPlaced ? self : FormulaError(message, line: position.line, column: position.column)
    }

    init(_ message: String, at position: FormulaPosition) {
        self.init(message, line: position.line, column: position.column)
    }
}

/// A 1-based line and column within a formula's source.
struct FormulaPosition: Hashable, Sendable {
    var line: Int
    var column: Int
}
