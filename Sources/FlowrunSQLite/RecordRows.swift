import FlowrunCore
import GRDB

/// The record operations as SQL on one connection, inside whatever transaction the caller holds:
/// `SQLiteRecordStore` and its transactions run these and nothing else touches the records table.
enum RecordRows {
    static func query(_ db: Database, _ query: RecordQuery) throws -> [FlowRecord] {
        try query.checkLogic()
        let compiled = QuerySQL(query)
        let rows = try Row.fetchAll(db, sql: compiled.sql, arguments: StatementArguments(compiled.arguments))
        return try rows.map { row in
            try StoredFields.decode(id: row["id"], object: row["object"], json: row["fields"]).projected(onto: query.fields)
        }
    }

    static func record(_ db: Database, id: String) throws -> FlowRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT object, fields FROM records WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return try StoredFields.decode(id: id, object: row["object"], json: row["fields"])
    }

    static func create(_ db: Database, _ record: FlowRecord) throws -> String {
        guard let object = record.objectType, !object.isEmpty else {
            throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
        }
        for name in record.fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        let json = try StoredFields.encode(record.fieldsWithoutID)
        let id: String
        if let carried = try record.carriedID() {
            guard try !exists(db, id: carried) else { throw RecordStoreError.duplicateID(object: object, id: carried) }
            id = carried
        } else {
            // Numbered after the last row ever inserted, skipping Ids a fixture already took.
            let last = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'records'") ?? 0
            var sequence = last + 1
            while try exists(db, id: RecordID.make(object: object, sequence: sequence)) { sequence += 1 }
            id = RecordID.make(object: object, sequence: sequence)
        }
        try db.execute(sql: "INSERT INTO records (id, object, fields) VALUES (?, ?, ?)", arguments: [id, object, json])
        return id
    }

    static func update(_ db: Database, object: String, id: String, fields: [String: FlowValue]) throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT object, fields FROM records WHERE id = ? AND object = ?", arguments: [id, object])
        else { throw RecordStoreError.notFound(object: object, id: id) }
        var record = try StoredFields.decode(id: id, object: row["object"], json: row["fields"])
        for (name, value) in fields {
            if name.lowercased() == "id" {
                guard value == .string(id) else {
                    throw RecordStoreError(.invalidField, "cannot change the Id of \(object) record \(id)")
                }
                continue
            }
            record[name] = value
        }
        try db.execute(
            sql: "UPDATE records SET fields = ? WHERE id = ?",
            arguments: [try StoredFields.encode(record.fieldsWithoutID), id])
    }

    static func delete(_ db: Database, object: String, ids: [String]) throws -> Int {
        var unique: [String] = []
        var seen: Set<String> = []
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        var deleted = 0
        // Batches keep each statement well under SQLite's limit on bound parameters.
        for start in stride(from: 0, to: unique.count, by: 500) {
            let batch = Array(unique[start..<min(start + 500, unique.count)])
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM records WHERE object = ? AND id IN (\(marks))",
                arguments: StatementArguments([object] + batch))
            deleted += db.changesCount
        }
        return deleted
    }

    static func count(_ db: Database, object: String?) throws -> Int {
        if let object {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE object = ?", arguments: [object]) ?? 0
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
    }

    private static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM records WHERE id = ?)", arguments: [id]) ?? false
    }
}
