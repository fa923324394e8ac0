import FlowrunCore
import Logging
import PostgresNIO

/// The record operations as SQL on one connection, inside whatever transaction is open on it:
/// `PostgresRecordStore` and its transactions run these and nothing else touches the table.
struct PostgresRecordRows: Sendable {
    /// The schema-qualified table, `"schema".records`.
    let table: String
    let logger: Logger

    init(schema: PostgresSchemaName, logger: Logger) {
        table = "\(schema.quoted).records"
        self.logger = logger
    }

    func query(_ connection: PostgresConnection, _ query: RecordQuery, locking: Bool) async throws -> [FlowRecord] {
        try query.checkLogic()
        let compiled = PostgresQuerySQL(query, table: table, locking: locking)
        let rows = try await connection.query(compiled.postgresQuery, logger: logger)
        var records: [FlowRecord] = []
        for try await (id, object, fields) in rows.decode((String, String, String).self) {
            records.append(try PostgresStoredFields.decode(id: id, object: object, json: fields).projected(onto: query.fields))
        }
        return records
    }

    /// `EXPLAIN` of the SELECT `query` compiles to (with its values bound), a line per row.
    func explain(_ connection: PostgresConnection, _ query: RecordQuery) async throws -> [String] {
        try query.checkLogic()
        let compiled = PostgresQuerySQL(query, table: table, locking: false)
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "EXPLAIN " + compiled.sql, binds: compiled.bindings), logger: logger)
        var lines: [String] = []
        for try await line in rows.decode(String.self) { lines.append(line) }
        return lines
    }

    /// The short form `--trace` shows: `index records_by_field_username`, several indexes joined
    /// by commas (an OR served by two, a bitmap AND), or `scan of records`.
    static func summary(_ lines: [String]) -> String {
        var parts: [String] = []
        for line in lines {
            let step = line.drop { $0 == " " || $0 == "-" || $0 == ">" }
            var part: String?
            for marker in ["Index Only Scan using ", "Index Scan Backward using ", "Index Scan using ", "Bitmap Index Scan on "]
            where step.hasPrefix(marker) {
                part = "index " + step.dropFirst(marker.count).prefix { $0 != " " }
                break
            }
            if part == nil, step.hasPrefix("Seq Scan on ") {
                part = "scan of " + step.dropFirst("Seq Scan on ".count).prefix { $0 != " " }
            }
            if let part, !parts.contains(part) { parts.append(part) }
        }
        return parts.isEmpty ? lines.joined(separator: "; ") : parts.joined(separator: ", ")
    }

    func record(_ connection: PostgresConnection, id: String) async throws -> FlowRecord? {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT object, fields::text FROM \(table) WHERE id = $1", binds: binds(id)),
            logger: logger)
        var found: FlowRecord?
        // Read to the end, so the connection is free for the next statement.
        for try await (object, fields) in rows.decode((String, String).self) {
            found = try PostgresStoredFields.decode(id: id, object: object, json: fields)
        }
        return found
    }

    func create(_ connection: PostgresConnection, _ record: FlowRecord) async throws -> String {
        guard let object = record.objectType, !object.isEmpty else {
            throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
        }
        for name in record.fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        let json = try PostgresStoredFields.encode(record.fieldsWithoutID)
        let carried = try record.carriedID()
        // The row's place in creation order and the number a new Id is made from, as SQLite's
        // AUTOINCREMENT gives both. A sequence is not transactional: a rolled-back create uses up
        // its number, so Ids may skip one where the SQLite store would reuse it; they never repeat.
        let sequence = try await nextSequence(connection)
        if let carried {
            guard try await insert(connection, sequence: sequence, id: carried, object: object, json: json) else {
                throw RecordStoreError.duplicateID(object: object, id: carried)
            }
            return carried
        }
        // Skip Ids a fixture (or anyone) already took. ON CONFLICT DO NOTHING also waits for a
        // concurrent transaction that inserted the same Id, and moves on only if it committed.
        var number = Int(sequence)
        while true {
            let id = RecordID.make(object: object, sequence: number)
            if try await insert(connection, sequence: sequence, id: id, object: object, json: json) { return id }
            number += 1
        }
    }

    func update(_ connection: PostgresConnection, object: String, id: String, fields: [String: FlowValue]) async throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        // FOR UPDATE: another transaction's update of other fields of this record must not be
        // overwritten by this read-modify-write of the whole fields column.
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT object, fields::text FROM \(table) WHERE id = $1 AND lower(object) = lower($2) FOR UPDATE",
                binds: binds(id, object)),
            logger: logger)
        var found: FlowRecord?
        for try await (storedObject, json) in rows.decode((String, String).self) {
            found = try PostgresStoredFields.decode(id: id, object: storedObject, json: json)
        }
        guard var record = found else { throw RecordStoreError.notFound(object: object, id: id) }
        for (name, value) in fields {
            if name.lowercased() == "id" {
                guard value == .string(id) else {
                    throw RecordStoreError(.invalidField, "cannot change the Id of \(object) record \(id)")
                }
                continue
            }
            record[name] = value
        }
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "UPDATE \(table) SET fields = $1::jsonb WHERE id = $2",
                binds: binds(try PostgresStoredFields.encode(record.fieldsWithoutID), id)),
            logger: logger)
    }

    func delete(_ connection: PostgresConnection, object: String, ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        var bindings = PostgresBindings()
        bindings.append(object)
        bindings.append(ids)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "DELETE FROM \(table) WHERE lower(object) = lower($1) AND id = ANY($2) RETURNING id",
                binds: bindings),
            logger: logger)
        var deleted = 0
        for try await _ in rows { deleted += 1 }
        return deleted
    }

    func count(_ connection: PostgresConnection, object: String?) async throws -> Int {
        let query =
            if let object {
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE lower(object) = lower($1)", binds: binds(object))
            } else {
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)")
            }
        let rows = try await connection.query(query, logger: logger)
        var total = 0
        for try await count in rows.decode(Int.self) { total = count }
        return total
    }

    // MARK: - Helpers

    private func nextSequence(_ connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT nextval(pg_get_serial_sequence($1, 'seq'))", binds: binds(table)),
            logger: logger)
        var sequence: Int64?
        for try await value in rows.decode(Int64.self) { sequence = value }
        guard let sequence else {
            throw RecordStoreError(.storage, "could not number a new record: PostgreSQL gave no sequence value")
        }
        return sequence
    }

    /// Inserts the row unless its Id is taken; whether it was inserted.
    private func insert(
        _ connection: PostgresConnection, sequence: Int64, id: String, object: String, json: String
    ) async throws -> Bool {
        var bindings = PostgresBindings()
        bindings.append(sequence)
        bindings.append(id)
        bindings.append(object)
        bindings.append(json)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(table) (seq, id, object, fields) VALUES ($1, $2, $3, $4::jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """,
                binds: bindings),
            logger: logger)
        var inserted = false
        for try await _ in rows { inserted = true }
        return inserted
    }

    private func binds(_ texts: String...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for text in texts { bindings.append(text) }
        return bindings
    }
}
