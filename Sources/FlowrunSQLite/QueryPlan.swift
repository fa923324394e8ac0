import FlowrunCore
import GRDB

/// SQLite's plan for a Get Records query (`EXPLAIN QUERY PLAN`), and the short form `--trace` shows.
enum QueryPlan {
    /// The detail of each step of the plan.
    static func lines(_ db: Database, schema: SchemaCache, _ query: RecordQuery) throws -> [String] {
        guard let table = try schema.table(db, object: query.object) else { return [] }
        let compiled = QuerySQL(query, table: table)
        return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + compiled.sql, arguments: StatementArguments(converted: compiled.arguments))
            .map { $0["detail"] as String }
    }

    /// `index idx_user_username`, `index idx_user_name, index idx_user_email` (an OR served by
    /// two), `scan of obj_user`, or `no records of User yet`.
    static func summary(_ lines: [String], object: String) -> String {
        guard !lines.isEmpty else { return "no records of \(object) yet" }
        var parts: [String] = []
        for line in lines {
            if let range = line.range(of: "USING INDEX ") ?? line.range(of: "USING COVERING INDEX ") {
                parts.append("index " + line[range.upperBound...].prefix { $0 != " " })
            } else if line.contains("USING INTEGER PRIMARY KEY") {
                parts.append("primary key")
            } else if line.hasPrefix("SCAN ") {
                parts.append("scan of " + line.dropFirst(5).prefix { $0 != " " })
            }
        }
        return parts.isEmpty ? lines.joined(separator: "; ") : parts.joined(separator: ", ")
    }
}
