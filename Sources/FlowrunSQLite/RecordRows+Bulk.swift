import FlowrunCore
import GRDB

/// Many records at once (`createAll`: imports, fixtures): the work that is the same for every
/// record of one shape — the object's table and columns, the statements, the storage keys — is
/// done once per run of records with the same object and fields, so each record costs its values
/// and two inserts.
extension RecordRows {
    /// What inserting records of one object with one set of fields needs.
    private struct Shape {
        var object: String
        /// The field names, in column order, and where each is in a record's fields.
        var names: [String]
        var statement: Statement
        var registry: Statement

        func fits(_ record: FlowRecord, fields: [String: FlowValue]) -> Bool {
            record.objectType == object && fields.count == names.count && names.allSatisfy { fields[$0] != nil }
        }
    }

    static func createAll(_ db: Database, schema: SchemaCache, _ records: [FlowRecord]) throws -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(records.count)
        var shape: Shape?
        for (index, record) in records.enumerated() {
            do {
                let (carried, fields) = try idAndFields(of: record)
                guard let object = record.objectType, !object.isEmpty else {
                    throw RecordStoreError(.invalidObject, "a record to create needs an object type, such as Account")
                }
                let id = try carried ?? newID(db, object: object)
                if shape?.fits(record, fields: fields) != true {
                    shape = try makeShape(db, schema: schema, object: object, fields: fields)
                }
                guard let shape else { continue }
                do {
                    try RawStatement.execute(shape.registry, [id.databaseValue, object.databaseValue], in: db)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw RecordStoreError.duplicateID(object: object, id: id)
                }
                var arguments: [DatabaseValue] = [db.lastInsertedRowID.databaseValue, id.databaseValue]
                arguments.reserveCapacity(2 + shape.names.count * 3)
                for name in shape.names {
                    let stored = try StoredValue(fields[name] ?? .null)
                    arguments += [stored.text.databaseValue, stored.rank.databaseValue, stored.key]
                }
                try RawStatement.execute(shape.statement, arguments, in: db)
                ids.append(id)
            } catch {
                throw RecordBatchError(index: index, underlying: SQLiteRecordStore.mapped("create a record", error))
            }
        }
        return ids
    }

    /// The Id a new record of `object` gets: numbered after the last record ever inserted,
    /// skipping Ids a fixture already took, as `create` numbers them.
    private static func newID(_ db: Database, object: String) throws -> String {
        let last = try Int.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'records'")) ?? 0
        var sequence = last + 1
        let taken = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM records WHERE id = ?)")
        while try Bool.fetchOne(taken, arguments: [RecordID.make(object: object, sequence: sequence)]) ?? false { sequence += 1 }
        return RecordID.make(object: object, sequence: sequence)
    }

    /// The record's own Id, if it carries one, and its other fields.
    private static func idAndFields(of record: FlowRecord) throws -> (String?, [String: FlowValue]) {
        var fields = record.fields
        var id: String?
        for name in fields.keys where name.utf8.count == 2 && name.lowercased() == "id" {
            switch fields.removeValue(forKey: name) {
            case .string(let text)? where !text.isEmpty: id = text
            case .null?, .string?, nil: break
            case let other?: throw RecordStoreError(.invalidValue, "a record's Id must be text, got a \(other.kindName)")
            }
        }
        return (id, fields)
    }

    private static func makeShape(_ db: Database, schema: SchemaCache, object: String, fields: [String: FlowValue]) throws -> Shape {
        let names = fields.keys.sorted()
        for name in names { try RecordStoreError.checkFieldName(name, object: object) }
        _ = try schema.ensure(db, object: object, fields: names)
        var columns = ["seq", "id"]
        for name in names {
            let key = ObjectTables.storageKey(name)
            columns += [ObjectTables.valueColumn(key), ObjectTables.classColumn(key), ObjectTables.keyColumn(key)]
        }
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return Shape(
            object: object, names: names,
            statement: try db.cachedStatement(
                sql: "INSERT INTO \(ObjectTables.table(object)) (\(columns.joined(separator: ", "))) VALUES (\(marks))"),
            registry: try db.cachedStatement(sql: "INSERT INTO records (id, object) VALUES (?, ?)"))
    }
}
