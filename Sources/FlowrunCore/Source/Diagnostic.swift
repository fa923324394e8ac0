/// How bad a diagnostic is. Only errors make a flow invalid.
public enum Severity: String, Sendable, Codable, Comparable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One problem found while reading or checking a flow, with where it is and a stable id
/// (`parse.unknownElementKind`, `validate.unknownConnectorTarget`, …) that tools and docs can key on.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var severity: Severity
    public var id: String
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, id: String, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
    }

    public static func error(_ id: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, id: id, message, at: location)
    }

    public static func warning(_ id: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, id: id, message, at: location)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted the way a reader wants them: by file, then position.
    public func sortedByLocation() -> [Diagnostic] {
        sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.id)
                < ($1.location.file, $1.location.line, $1.location.column, $1.id)
        }
    }
}

/// Thrown at the API boundary when a flow cannot be run because it has errors.
public struct InvalidFlowError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.filter { $0.severity == .error }
            .map { "\($0.location): error: \($0.message) [\($0.id)]" }
            .joined(separator: "\n")
    }
}

/// A single diagnostic can be thrown where a stage stops at its first problem (XML syntax).
extension Diagnostic: Error {}
