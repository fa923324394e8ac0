import FlowrunCore
import Foundation
import GRDB

/// How one field value is kept in its object's table: three columns per field.
///
/// - `"<key>"`: the exact value as text (a number's exact decimal digits, a Date `2024-05-01`, a
///   DateTime to the millisecond, `true`/`false`, a record or list as its typed JSON), so a read
///   gives back the very `FlowValue` that was written;
/// - `"<key>#c"` and `"<key>#k"`: the `FilterKey` rank and key that SQL filters, sorts and indexes
///   on: lowercased text, a number, milliseconds for Dates and DateTimes, 0/1 for Booleans. Both
///   are NULL for null and empty text, so a null field and a missing one look the same to SQL, as
///   they do to the in-memory store.
struct StoredValue {
    var text: String?
    var rank: Int?
    var key: DatabaseValue

    init(_ value: FlowValue) throws(RecordStoreError) {
        let filterKey = FilterKey(value)
        rank = filterKey?.rank
        key = filterKey.map(Self.sqlKey) ?? .null
        switch value {
        case .null: text = nil
        case .string(let string): text = string
        case .number(let number): text = number.description
        case .boolean(let flag): text = flag ? "true" : "false"
        case .date(let date): text = date.description
        case .dateTime(let instant): text = instant.isoText
        case .time(let time): text = time.description
        case .record, .collection:
            do {
                text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            } catch {
                throw RecordStoreError(.invalidValue, "cannot store a \(value.kindName) in a field: \(error)")
            }
        }
    }

    /// The value kept as `text` with rank `rank`; nil for a null field.
    static func decode(text: String?, rank: Int?) -> FlowValue? {
        guard let text else { return nil }
        switch rank {
        case FilterKey.number(0).rank: return Decimal(string: text).map { .number($0) } ?? .string(text)
        case FilterKey.boolean(true).rank: return .boolean(text == "true")
        case FilterKey.temporal(0).rank:
            if text.contains("T"), let instant = Date(isoText: text) { return .dateTime(instant) }
            return LocalDate(iso: text).map { .date($0) } ?? .string(text)
        case FilterKey.time(0).rank: return TimeOfDay(iso: text).map { .time($0) } ?? .string(text)
        case FilterKey.opaque.rank: return try? JSONDecoder().decode(FlowValue.self, from: Data(text.utf8))
        default: return .string(text)
        }
    }

    /// The key as SQLite compares it: numbers as REAL (the same conversion a filter's
    /// `CAST(? AS REAL)` makes of its exact decimal text, so equal decimals compare equal).
    static func sqlKey(_ key: FilterKey) -> DatabaseValue {
        switch key {
        case .boolean(let flag): (flag ? 1 : 0).databaseValue
        case .number(let number): (Double(number.description) ?? 0).databaseValue
        case .temporal(let milliseconds): milliseconds.databaseValue
        case .time(let milliseconds): milliseconds.databaseValue
        case .text(let text): text.databaseValue
        case .opaque: .null
        }
    }
}
