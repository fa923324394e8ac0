/// A place in a flow file: 1-based line and 1-based column, as editors count them.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form compilers print and editors jump to.
    public var description: String { "\(file):\(line):\(column)" }

    /// The same place moved `offset` columns to the right (a position inside an expression).
    public func advanced(byColumns offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }
}
