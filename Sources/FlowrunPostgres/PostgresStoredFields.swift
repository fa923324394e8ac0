import FlowrunCore
import Foundation

/// How a record's fields are kept in the `fields` jsonb column: the same entries as the SQLite
/// store's `StoredFields`, so both stores give the same answers.
///
/// The column holds one JSON object; each field sits under its name lowercased (look-ups ignore
/// case, as Salesforce's do). The key is always a bound parameter (`fields -> $1`), so unlike
/// SQLite's JSON paths it needs no escaping. Each entry records:
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
