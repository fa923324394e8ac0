/// The PostgreSQL schema a record store keeps its table in: a plain lowercase identifier, checked
/// once here, because a schema name cannot be a bound parameter and so is the one name that goes
/// into the SQL text (quoted as well).
public struct PostgresSchemaName: Sendable, Hashable, CustomStringConvertible {
    /// The unquoted name.
    public let name: String

    /// The schema `flowrun` keeps records in unless told otherwise: its own, so the table never
    /// meets an application's `public.records`.
    public static let standard = PostgresSchemaName(checked: "flowrun")

    /// - Throws: `PostgresSchemaNameError` unless `name` is 1 to 63 characters of `a-z`,
    ///   `0-9` and `_`, not starting with a digit (PostgreSQL's limit is 63 bytes) and not `pg_…`
    ///   (reserved for the system).
    public init(_ name: String) throws(PostgresSchemaNameError) {
        guard Self.isValid(name) else { throw PostgresSchemaNameError(name: name) }
        self.name = name
    }

    private init(checked name: String) { self.name = name }

    /// The name as it goes into SQL: double-quoted (it holds no quote, so nothing to escape).
    public var quoted: String { "\"\(name)\"" }

    public var description: String { name }

    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, !name.hasPrefix("pg_") else { return false }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}

/// A schema name that is not a plain identifier.
public struct PostgresSchemaNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String

    public var description: String {
        "'\(name)' is not a schema name flowrun uses: 1 to 63 characters of a-z, 0-9 and _, not starting with a digit or pg_"
    }
}
