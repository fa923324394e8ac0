import FlowrunCore
import Foundation

/// How a record's fields are kept in the `fields` JSON column.
///
/// The column holds one JSON object; each field sits under its **storage key** (the name
/// lowercased, so look-ups ignore case as Salesforce does; characters other than `a-z`, `0-9` and
/// `_` percent-encoded, so the key is always safe inside a quoted JSON path) and records:
///
/// ```json
/// {"mobilephone": {"n": "MobilePhone", "v": {"type": "string", "value": "+15555550100"},
///                  "c": 5, "k": "+15555550100"}}
/// ```
///
/// - `n`: the spelling first written, given back on reads;
/// - `v`: the exact typed value (`FlowValue`'s own Codable form: numbers as exact decimal JSON
///   numbers, Dates apart from text), so values round-trip to the same `FlowValue`;
/// - `c` and `k`: the `FilterKey` rank and key that SQL filters and sorts on — lowercased text,
///   a number, milliseconds for dates and date-times, 0/1 for Booleans. Both are absent for null
///   and empty text, so a null field and a missing one look the same to SQL, as to the in-memory store.
///
/// `Id` is not among the fields: it is the `id` column.
enum StoredFields {
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

    /// The JSON text for `fields` (any `Id` among them is left out).
    static func encode(_ fields: [String: FlowValue]) throws(RecordStoreError) -> String {
        var entries: [String: Entry] = [:]
        for (name, value) in fields where name.lowercased() != "id" {
            let key = FilterKey(value)
            entries[storageKey(name)] = Entry(n: name, v: value, c: key?.rank, k: key.flatMap(sqlKey))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(entries), as: UTF8.self)
        } catch {
            throw RecordStoreError(.invalidValue, "cannot store the record's fields: \(error)")
        }
    }

    /// The record kept as `id`, `object`, `json`.
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

    /// The key a field is stored under: lowercased, then percent-encoded outside `[a-z0-9_]`.
    static func storageKey(_ field: String) -> String {
        var key = ""
        for byte in field.lowercased().utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                key.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                key += "%" + String(byte, radix: 16, uppercase: true).leftPaddedHex
            }
        }
        return key
    }

    /// The JSON path of a field's `member` (`c` or `k`), bound as an SQL parameter, never spliced.
    static func path(_ field: String, _ member: String) -> String {
        "$.\"\(storageKey(field))\".\(member)"
    }

    /// The key as SQLite compares it: text, or a number (exact decimal for numbers).
    static func sqlKey(_ key: FilterKey) -> JSONValue? {
        switch key {
        case .boolean(let flag): .number(flag ? 1 : 0)
        case .number(let number): .number(number)
        case .temporal(let milliseconds): .number(Decimal(milliseconds))
        case .time(let milliseconds): .number(Decimal(milliseconds))
        case .text(let text): .string(text)
        case .opaque: nil
        }
    }
}

extension String {
    fileprivate var leftPaddedHex: String { count < 2 ? "0" + self : self }
}
