import FlowrunCore
import Foundation
import GRDB

/// The record store's tables, created and upgraded by an ordered list of recorded migrations.
///
/// v1 kept every record in one table as JSON; v2 is the typed schema of `ObjectTables` (a table
/// per object, columns per field, indexes), and moves v1's records into it.
enum RecordSchema {
    static func migrator(schema: SchemaCache) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: records") { db in
            try db.create(table: "records") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("id", .text).notNull().unique()
                table.column("object", .text).notNull().collate(.nocase)
                table.column("fields", .text).notNull()
            }
            try db.create(index: "records_by_object", on: "records", columns: ["object", "seq"])
        }
        migrator.registerMigration("v2: a table per object") { db in
            try db.execute(sql: "CREATE TABLE record_objects (key TEXT PRIMARY KEY, name TEXT NOT NULL)")
            try db.execute(
                sql: "CREATE TABLE record_fields (object TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (object, key))")
            let rows = try Row.fetchAll(db, sql: "SELECT seq, id, object, fields FROM records ORDER BY seq")
            for row in rows {
                let record = try LegacyFields.decode(id: row["id"], object: row["object"], json: row["fields"])
                try RecordRows.insert(db, schema: schema, seq: row["seq"], id: row["id"], record: record)
            }
            try db.execute(sql: "DROP INDEX records_by_object")
            try db.execute(sql: "ALTER TABLE records DROP COLUMN fields")
            try db.execute(sql: "CREATE INDEX records_by_object ON records (object, seq)")
        }
        return migrator
    }
}

/// v1's `fields` JSON, read once to move old databases to the typed tables.
enum LegacyFields {
    private struct Entry: Decodable {
        var n: String
        var v: FlowValue
    }

    static func decode(id: String, object: String, json: String) throws -> FlowRecord {
        let entries: [String: Entry]
        do {
            entries = try JSONDecoder().decode([String: Entry].self, from: Data(json.utf8))
        } catch {
            throw RecordStoreError(.storage, "the stored fields of \(object) record \(id) cannot be read: \(error)")
        }
        return FlowRecord(objectType: object, fields: Dictionary(entries.values.map { ($0.n, $0.v) }) { first, _ in first })
    }
}
