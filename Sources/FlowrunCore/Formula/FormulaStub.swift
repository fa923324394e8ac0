// TEMPORARY: compile-time stand-in for the formula engine being written on branch `formula`.
// Deleted when that branch merges; never shipped.
import Foundation

public struct Formula: Sendable, Hashable {
    public let source: String
    var bound: [ReferencePath: Int] = [:]
    public static func parse(_ source: String) throws(FormulaError) -> Formula { Formula(source: source) }
    public var references: [ReferencePath] {
        let trimmed = source.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? [] : [ReferencePath(parsing: trimmed)]
    }
    public func binding(_ resolve: (ReferencePath) -> Int?) -> Formula {
        var copy = self
        for reference in references { copy.bound[reference] = resolve(reference) }
        return copy
    }
    public func evaluate(in environment: some FormulaEnvironment) throws(FormulaError) -> FlowValue {
        guard let reference = references.first else { return .null }
        return try environment.value(of: reference, slot: bound[reference])
    }
    public func inferredType(_ typeOf: (ReferencePath) -> FlowDataType?) -> FlowDataType? { nil }
}

public protocol FormulaEnvironment {
    func value(of reference: ReferencePath, slot: Int?) throws(FormulaError) -> FlowValue
    var now: Date { get }
}

public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }
    public var description: String { message }
}
