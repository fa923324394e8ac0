import FlowrunCore
import Foundation

/// How a record's fields are kept in the `fields` jsonb column: the same entries as the SQLite
/// store's `StoredFields`, so both stores give the same answers.
///
/// The column holds one JSON object; each field sits under its name lowercased (look-ups ignore
/// case, as Salesforce's do). Queries write a key of only `[a-z0-9_%]` (every Salesforce API name,
/// lowercased) into the SQL as a literal (`fields -> 'username'`), so field indexes can match it;
/// any other key is a bound parameter (`literalKey`). Each entry records:
///
/// - `n`: the spelling first written, given back on reads;
/// - `v`: the exact typed value (`FlowValue`'s Codable form: a Decimal stays exact, a Date stays a Date);
/// - `c` and `k`: the `FilterKey` rank and key that SQL filters and sorts on — lowercased text,
///   or a JSON number (the number itself, 0/1 for Booleans, milliseconds for dates, date-times
///   and times), compared as jsonb so numbers compare exactly. Both are absent for null and
///   empty text, so a null field and a missing one look the same to SQL.
///
/// `Id` is not among the fields: it is the `id` column.
enum PostgresStoredFields {
    private struct Entry: Encodable {
        var n: String
        var v: FlowValue
        var c: Int?
        var k: JSONValue?
    }

    private struct ReadEntry: Decodable {
        var n: String
        var v: FlowValue
    }

    /// The JSON text for `fields` (any `Id` among them is left out), bound and cast to jsonb.
    static func encode(_ fields: [String: FlowValue]) throws(RecordStoreError) -> String {
        var entries: [String: Entry] = [:]
        for (name, value) in fields where name.lowercased() != "id" {
            let key = FilterKey(value)
            entries[storageKey(name)] = Entry(n: name, v: value, c: key?.rank, k: key.flatMap(jsonKey))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(entries), as: UTF8.self)
        } catch {
            throw RecordStoreError(.invalidValue, "cannot store the record's fields: \(error)")
        }
    }

    /// The record kept as `id`, `object` and the column's text.
    static func decode(id: String, object: String, json: String) throws(RecordStoreError) -> FlowRecord {
        let entries: [String: ReadEntry]
        do {
            entries = try JSONDecoder().decode([String: ReadEntry].self, from: Data(json.utf8))
        } catch {
            throw RecordStoreError(.storage, "the stored fields of \(object) record \(id) cannot be read: \(error)")
        }
        var record = FlowRecord(
            objectType: object, fields: Dictionary(entries.values.map { ($0.n, $0.v) }) { first, _ in first })
        record["Id"] = .string(id)
        return record
    }

    /// The key a field is stored under.
    static func storageKey(_ field: String) -> String { field.lowercased() }

    /// `key` as a SQL string literal, or nil when it holds anything but `[a-z0-9_%]`.
    ///
    /// Safe to splice into SQL: with only those ASCII letters, digits, `_` and `%`, nothing in it
    /// can end the literal (`'`), escape (`\`, which `standard_conforming_strings` ignores
    /// anyway) or start a comment; and `%` and `_` mean nothing outside LIKE. Keys that fail the
    /// check are bound as parameters instead, which gives the same answers without an index.
    static func literalKey(_ key: String) -> String? {
        guard !key.isEmpty, key.utf8.allSatisfy(isLiteralSafe) else { return nil }
        return "'" + key + "'"
    }

    private static func isLiteralSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "%"):
            true
        default: false
        }
    }

    // MARK: - The expressions queries and field indexes share

    /// A field's class (`c`), an integer or NULL; `keySQL` is a literal or a placeholder.
    static func classExpression(keySQL: String) -> String { "((fields -> \(keySQL) ->> 'c')::int)" }

    /// A field's key as text in the "C" collation (meaningful where the class is text).
    static func textKeyExpression(keySQL: String) -> String { "((fields -> \(keySQL) ->> 'k') COLLATE \"C\")" }

    /// A field's key as jsonb (meaningful where the class is not text).
    static func jsonKeyExpression(keySQL: String) -> String { "(fields -> \(keySQL) -> 'k')" }

    /// The index on a field's text key, or (`json`) its jsonb key: the object, the class, the key —
    /// exactly what `lower(object) = lower($1) AND <class> = 5 AND <key> IN (…)` compares. The
    /// jsonb one holds only the records whose field has a class other than text (queries name the
    /// class as a number, which proves the predicate), so text fields cost it nothing.
    /// Nil for a key `literalKey` refuses (queries bind it, so no index could match).
    static func fieldIndex(_ key: String, json: Bool) -> FieldIndex? {
        guard let literal = literalKey(key) else { return nil }
        let rank = classExpression(keySQL: literal)
        let keyColumn = json ? jsonKeyExpression(keySQL: literal) : textKeyExpression(keySQL: literal)
        return FieldIndex(
            name: indexName(key, json: json), columns: "lower(object), \(rank), \(keyColumn)",
            predicate: json ? "\(rank) <> \(FilterKey.text("").rank)" : nil)
    }

    struct FieldIndex: Sendable, Equatable {
        var name: String
        var columns: String
        var predicate: String?
    }

    /// `records_by_field_username` (text key) or `records_by_field_amount__json` (jsonb key),
    /// made only of a checked key, so it needs no quoting beyond plain double quotes. Names past
    /// PostgreSQL's 63 bytes keep a prefix of the key and a hash of the whole key, so two long
    /// keys never share a name.
    static func indexName(_ key: String, json: Bool) -> String {
        let prefix = "records_by_field_"
        let suffix = json ? "__json" : ""
        let whole = prefix + key + suffix
        guard whole.utf8.count > 63 else { return whole }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, stable across runs and processes
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return prefix + key.prefix(63 - prefix.count - suffix.count - 1 - hex.count) + "_" + hex + suffix
    }

    /// The key as stored: text for text, a JSON number for every other comparable class.
    static func jsonKey(_ key: FilterKey) -> JSONValue? {
        switch key {
        case .text(let text): .string(text)
        case .opaque: nil
        default: numericKey(key).map { .number($0) }
        }
    }

    /// The number a non-text key is stored and compared as; nil for text and opaque keys.
    static func numericKey(_ key: FilterKey) -> Decimal? {
        switch key {
        case .boolean(let flag): flag ? 1 : 0
        case .number(let number): number
        case .temporal(let milliseconds): Decimal(milliseconds)
        case .time(let milliseconds): Decimal(milliseconds)
        case .text, .opaque: nil
        }
    }
}
