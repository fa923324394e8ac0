import FlowrunCore
import GRDB

/// The record operations as SQL on one connection, inside whatever transaction the caller holds:
/// `SQLiteRecordStore` and its transactions run these and nothing else touches the record tables
/// (`ObjectTables` describes them).
enum RecordRows {
    static func query(_ db: Database, schema: SchemaCache, texts: QueryTextCache, _ query: RecordQuery) throws -> [FlowRecord] {
        try query.checkLogic()
        guard let table = try schema.table(db, object: query.object) else { return [] }
        let compiled = QuerySQL.compiled(query, table: table, cache: texts)
        let statement = try db.cachedStatement(sql: compiled.sql)
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(converted: compiled.arguments))
        var records: [FlowRecord] = []
        while let row = try rows.next() {
            records.append(record(from: row, columns: compiled.columns, object: table.objectName).projected(onto: query.fields))
        }
        return records
    }

    static func record(_ db: Database, schema: SchemaCache, id: String) throws -> FlowRecord? {
        guard let object = try String.fetchOne(db, sql: "SELECT object FROM records WHERE id = ?", arguments: [id]),
            let table = try schema.table(db, object: object)
        else { return nil }
        let columns = table.fields.sorted { $0.key < $1.key }.map { (key: $0.key, name: $0.value) }
        let selected = columns.map { "\(ObjectTables.valueColumn($0.key)), \(ObjectTables.classColumn($0.key))" }
        let sql = "SELECT id" + selected.map { ", " + $0 }.joined() + " FROM \(ObjectTables.table(object)) WHERE id = ?"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) else { return nil }
        return record(from: row, columns: columns, object: table.objectName)
    }

    /// A record from a row of `id` then, per column, its value and class; null fields are left out.
    private static func record(from row: Row, columns: [(key: String, name: String)], object: String) -> FlowRecord {
        var names = ["Id"]
        var values: [FlowValue] = [.string(row[0])]
        names.reserveCapacity(columns.count + 1)
        values.reserveCapacity(columns.count + 1)
        for (index, column) in columns.enumerated() {
            if let value = StoredValue.decode(text: row[1 + index * 2], rank: row[2 + index * 2]) {
                names.append(column.name)
                values.append(value)
            }
        }
        // The table's field names differ from each other and from Id (`ObjectTables` keys them).
        return FlowRecord(objectType: object, layout: RecordLayout(names: names), values: values)
    }

    /// One record: the bulk path with a batch of one (`RecordRows+Bulk`), which numbers it if it
    /// carries no Id, registers it and writes its row.
    static func create(_ db: Database, schema: SchemaCache, _ record: FlowRecord) throws -> String {
        do {
            guard let id = try createAll(db, schema: schema, [record]).first else {
                throw RecordStoreError(.storage, "the record was not created")
            }
            return id
        } catch let error as RecordBatchError {
            throw error.underlying
        }
    }

    /// The record's row in its object's table (its `records` row already made).
    static func insert(_ db: Database, schema: SchemaCache, seq: Int64, id: String, record: FlowRecord) throws {
        let object = record.objectType ?? "record"
        let fields = record.fieldsWithoutID.sorted { $0.key < $1.key }
        _ = try schema.ensure(db, object: object, fields: fields.map(\.key))
        var columns = ["seq", "id"]
        var arguments: [DatabaseValue] = [seq.databaseValue, id.databaseValue]
        for (name, value) in fields {
            let key = ObjectTables.storageKey(name)
            let stored = try StoredValue(value)
            columns += [ObjectTables.valueColumn(key), ObjectTables.classColumn(key), ObjectTables.keyColumn(key)]
            arguments += [stored.text.databaseValue, stored.rank.databaseValue, stored.key]
        }
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(ObjectTables.table(object)) (\(columns.joined(separator: ", "))) VALUES (\(marks))"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(converted: arguments))
    }

    static func update(_ db: Database, schema: SchemaCache, object: String, id: String, fields: [String: FlowValue]) throws {
        for name in fields.keys { try RecordStoreError.checkFieldName(name, object: object) }
        guard try exists(db, id: id, object: object) else { throw RecordStoreError.notFound(object: object, id: id) }
        var assignments: [String] = []
        var arguments: [DatabaseValue] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if name.lowercased() == "id" {
                guard value == .string(id) else {
                    throw RecordStoreError(.invalidField, "cannot change the Id of \(object) record \(id)")
                }
                continue
            }
            let key = ObjectTables.storageKey(name)
            let stored = try StoredValue(value)
            assignments += [
                "\(ObjectTables.valueColumn(key)) = ?", "\(ObjectTables.classColumn(key)) = ?", "\(ObjectTables.keyColumn(key)) = ?",
            ]
            arguments += [stored.text.databaseValue, stored.rank.databaseValue, stored.key]
        }
        guard !assignments.isEmpty else { return }
        _ = try schema.ensure(db, object: object, fields: fields.keys.filter { $0.lowercased() != "id" }.sorted())
        try db.cachedStatement(sql: "UPDATE \(ObjectTables.table(object)) SET \(assignments.joined(separator: ", ")) WHERE id = ?")
            .execute(arguments: StatementArguments(converted: arguments + [id.databaseValue]))
    }

    static func delete(_ db: Database, schema: SchemaCache, object: String, ids: [String]) throws -> Int {
        guard try schema.table(db, object: object) != nil else { return 0 }
        var unique: [String] = []
        var seen: Set<String> = []
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        var deleted = 0
        // Batches keep each statement well under SQLite's limit on bound parameters.
        for start in stride(from: 0, to: unique.count, by: 500) {
            let batch = Array(unique[start..<min(start + 500, unique.count)])
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM \(ObjectTables.table(object)) WHERE id IN (\(marks))", arguments: StatementArguments(batch))
            deleted += db.changesCount
            try db.execute(
                sql: "DELETE FROM records WHERE object = ? AND id IN (\(marks))", arguments: StatementArguments([object] + batch))
        }
        return deleted
    }

    static func count(_ db: Database, object: String?) throws -> Int {
        if let object {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE object = ?", arguments: [object]) ?? 0
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
    }

    private static func exists(_ db: Database, id: String, object: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM records WHERE id = ? AND object = ?)"), arguments: [id, object])
            ?? false
    }
}
