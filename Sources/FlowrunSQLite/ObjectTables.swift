import FlowrunCore
import GRDB
import Synchronization

/// The typed schema: a table per object, three columns per field (`StoredValue`), created and
/// widened as records arrive, so a flow can still set any field on any object.
///
/// - `records(seq, id, object)`: every record's Id and object; `seq` is creation order and the
///   number new Ids are made from;
/// - `record_objects(key, name)` and `record_fields(object, key, name)`: the spelling each object
///   and field was first written with, given back on reads;
/// - `"obj_<object>"(seq, id, <field>, <field>#c, <field>#k, …)`: the records of one object.
///
/// Object and field names become **storage keys** (lowercased, then percent-encoded outside
/// `a-z 0-9 _`), so every identifier spliced into SQL is made of `[a-z0-9_%#]` and quoted; no text
/// from a flow reaches SQL any other way than as a bound value.
enum ObjectTables {
    /// The key a name is stored under.
    static func storageKey(_ name: String) -> String {
        var key = ""
        for byte in name.lowercased().utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                key.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                key += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return key
    }

    static func table(_ object: String) -> String { quoted("obj_" + storageKey(object)) }
    static func valueColumn(_ fieldKey: String) -> String { quoted(fieldKey) }
    static func classColumn(_ fieldKey: String) -> String { quoted(fieldKey + "#c") }
    static func keyColumn(_ fieldKey: String) -> String { quoted(fieldKey + "#k") }
    static func indexName(_ object: String, _ fieldKey: String) -> String {
        quoted("idx_" + storageKey(object) + "_" + fieldKey)
    }

    /// Storage keys hold only `[a-z0-9_%#]`, so double quotes make a safe identifier of them.
    static func quoted(_ identifier: String) -> String { "\"" + identifier + "\"" }

    /// Fields indexed as soon as they exist, whatever flow is loaded: the name, lookups by their
    /// convention (`…Id`), and the usual ways to find a person.
    static func indexedByDefault(_ fieldKey: String) -> Bool {
        fieldKey == "name" || fieldKey == "username" || fieldKey == "email" || fieldKey == "externalid__c"
            || (fieldKey.hasSuffix("id") && fieldKey.count > 2)
    }
}

/// What one object's table holds, as read in one snapshot of the database.
struct TableInfo: Sendable, Hashable {
    /// The object's name as first written.
    var objectName: String
    /// Field storage key → the name as first written.
    var fields: [String: String]
}

/// Table layouts by schema version: read once per version of the schema a connection sees (a
/// reader's snapshot may be older than the writer's), so a query never names a column its
/// snapshot lacks.
final class SchemaCache: Sendable {
    private let entries = Mutex<[Int: [String: TableInfo]]>([:])

    /// Forgets every layout: after a roll back, a schema version may come again with other columns.
    func reset() { entries.withLock { $0.removeAll() } }

    /// The table of `object` as `db` sees it, or nil when it has none yet.
    func table(_ db: Database, object: String) throws -> TableInfo? {
        // A prepared statement: this runs before every query, and preparing it was most of its cost.
        let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA schema_version")) ?? 0
        let objectKey = ObjectTables.storageKey(object)
        if let known = entries.withLock({ $0[version]?[objectKey] }) { return known }
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM record_objects WHERE key = ?", arguments: [objectKey])
        else { return nil }
        var fields: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, name FROM record_fields WHERE object = ?", arguments: [objectKey]) {
            fields[row["key"]] = row["name"]
        }
        // Only fields whose columns this snapshot has (a field row and its columns commit together).
        let columns = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(ObjectTables.table(object)))").map { $0["name"] as String })
        fields = fields.filter { columns.contains($0.key) }
        let info = TableInfo(objectName: name, fields: fields)
        entries.withLock { entries in
            if entries[version] == nil, entries.count >= 4 { entries.removeAll() }
            entries[version, default: [:]][objectKey] = info
        }
        return info
    }

    /// The table of `object` with a column for each of `fields`, created or widened as needed
    /// (inside the caller's write transaction).
    func ensure(_ db: Database, object: String, fields: some Sequence<String>) throws -> TableInfo {
        var info = try table(db, object: object)
        let table = ObjectTables.table(object)
        if info == nil {
            // Ids compare ignoring ASCII case, as text filters do, and their index serves look-ups by Id.
            try db.execute(sql: "CREATE TABLE \(table) (seq INTEGER PRIMARY KEY, id TEXT NOT NULL COLLATE NOCASE)")
            try db.execute(sql: "CREATE UNIQUE INDEX \(ObjectTables.indexName(object, "id")) ON \(table) (id)")
            try db.execute(
                sql: "INSERT INTO record_objects (key, name) VALUES (?, ?)", arguments: [ObjectTables.storageKey(object), object])
            info = TableInfo(objectName: object, fields: [:])
        }
        guard var known = info else { return TableInfo(objectName: object, fields: [:]) }
        for name in fields {
            let key = ObjectTables.storageKey(name)
            guard key != "id", known.fields[key] == nil else { continue }
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(ObjectTables.valueColumn(key))")
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(ObjectTables.classColumn(key)) INTEGER")
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(ObjectTables.keyColumn(key))")
            try db.execute(
                sql: "INSERT INTO record_fields (object, key, name) VALUES (?, ?, ?)",
                arguments: [ObjectTables.storageKey(object), key, name])
            if ObjectTables.indexedByDefault(key) { try index(db, object: object, fieldKey: key) }
            known.fields[key] = name
        }
        return known
    }

    /// An index on the field's class and key: what equality, range, `In` and sorts use.
    func index(_ db: Database, object: String, fieldKey: String) throws {
        try db.execute(
            sql: """
                CREATE INDEX IF NOT EXISTS \(ObjectTables.indexName(object, fieldKey)) ON \(ObjectTables.table(object)) \
                (\(ObjectTables.classColumn(fieldKey)), \(ObjectTables.keyColumn(fieldKey)))
                """)
    }
}
