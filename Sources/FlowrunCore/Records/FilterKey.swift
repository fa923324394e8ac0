import Foundation

/// How a record filter sees a field value: a comparison class and a key ordered within it.
///
/// Every record store compares through these keys, so the in-memory store and the SQLite store
/// (which stores `rank` and the key's SQL form beside each field) give the same answers:
///
/// - null and empty text have no key (Salesforce stores empty text as null);
/// - text compares ignoring case, as SOQL does: the key is the lowercased text, ordered by its
///   UTF-8 bytes (SQLite's BINARY collation on the same bytes);
/// - numbers compare by value; Dates and DateTimes compare with each other as instants (a Date is
///   the start of its UTC day), to the millisecond, Salesforce's precision — as `FlowValue.order` does;
/// - records and collections are present (not null) but compare with nothing.
public enum FilterKey: Sendable, Hashable {
    case boolean(Bool)
    case number(Decimal)
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case temporal(Int64)
    /// Milliseconds since midnight.
    case time(Int)
    /// The lowercased text.
    case text(String)
    /// A record or a collection held in a field.
    case opaque

    /// The key of a stored field value; nil when the value counts as null.
    public init?(_ value: FlowValue) {
        switch value {
        case .null: return nil
        case .string(let text):
            if text.isEmpty { return nil }
            self = .text(text.lowercased())
        case .number(let number): self = .number(number)
        case .boolean(let flag): self = .boolean(flag)
        case .date(let date): self = .temporal(Int64(date.daysSinceEpoch) * 86_400_000)
        case .dateTime(let instant): self = .temporal(Self.milliseconds(of: instant))
        case .time(let time): self = .time(time.millisecondsSinceMidnight)
        case .record, .collection: self = .opaque
        }
    }

    /// The keys a filter value can match, one per class. Text is also read as a number, a Boolean
    /// (`true`/`false`), a date or date-time, or a time when it parses as one, because flow inputs
    /// often arrive as text; other values match only fields of their own kind.
    /// Empty for null, empty text, records and collections.
    public static func candidates(for value: FlowValue) -> [FilterKey] {
        guard let own = FilterKey(value), own != .opaque else { return [] }
        guard case .string(let text) = value else { return [own] }
        var keys = [own]
        // Foundation's trimming (through NSString on Linux) and five parsers ran for every text
        // value a query compared, record Ids included: about 8% of an SMS interview. Only text
        // that starts as a number, a date or a time does (a digit, a sign or a point) is given to
        // those parsers.
        let trimmed = text.trimmingWhitespace()
        guard let first = trimmed.utf8.first else { return keys }
        switch first {
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch trimmed.lowercased() {
            case "true": keys.append(.boolean(true))
            case "false": keys.append(.boolean(false))
            default: break
            }
            return keys
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            break
        default:
            return keys
        }
        if let number = Decimal.parseStrict(trimmed) { keys.append(.number(number)) }
        if let instant = Date(isoText: trimmed) {
            keys.append(.temporal(milliseconds(of: instant)))
        } else if let date = LocalDate(iso: trimmed) {
            keys.append(.temporal(Int64(date.daysSinceEpoch) * 86_400_000))
        }
        if let time = TimeOfDay(iso: trimmed) { keys.append(.time(time.millisecondsSinceMidnight)) }
        return keys
    }

    /// The class's place in a sort (null sorts before every class).
    /// Also stored by the SQLite store, which sorts and filters on it.
    public var rank: Int {
        switch self {
        case .boolean: 1
        case .number: 2
        case .temporal: 3
        case .time: 4
        case .text: 5
        case .opaque: 6
        }
    }

    /// Orders two keys of the same class; nil for different classes or opaque values.
    public static func order(_ lhs: FilterKey, _ rhs: FilterKey) -> ComparisonResult? {
        switch (lhs, rhs) {
        case (.boolean(let a), .boolean(let b)): compare(a ? 1 : 0, b ? 1 : 0)
        case (.number(let a), .number(let b)): FlowValue.order(.number(a), .number(b))
        case (.temporal(let a), .temporal(let b)): compare(a, b)
        case (.time(let a), .time(let b)): compare(a, b)
        case (.text(let a), .text(let b)):
            // Bytes, not `String.<`: Swift compares canonical equivalents as equal, SQLite does not.
            a.utf8.elementsEqual(b.utf8)
                ? .orderedSame : (a.utf8.lexicographicallyPrecedes(b.utf8) ? .orderedAscending : .orderedDescending)
        default: nil
        }
    }

    /// Sort order of possibly-null keys: null first, then by class, then by key.
    public static func sortOrder(_ lhs: FilterKey?, _ rhs: FilterKey?) -> ComparisonResult {
        switch (lhs, rhs) {
        case (nil, nil): return .orderedSame
        case (nil, _): return .orderedAscending
        case (_, nil): return .orderedDescending
        case (let a?, let b?):
            if a.rank != b.rank { return compare(a.rank, b.rank) }
            return order(a, b) ?? .orderedSame
        }
    }

    /// Milliseconds since the epoch, to the nearest one: seconds held in a `Double` rarely make
    /// a whole number of milliseconds exactly, so rounding down would lose one now and then.
    public static func milliseconds(of instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 * 1000).rounded())
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
        a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
    }
}
