import Foundation

/// A value a flow holds at run time: what a variable, a formula or a record field evaluates to.
///
/// Numbers are `Decimal`, as Salesforce's Number and Currency are, so `0.1 + 0.2` is `0.3`.
/// `null` is distinct from the empty string, as in Salesforce (`$GlobalConstant.EmptyString`).
public enum FlowValue: Sendable, Hashable {
    case null
    case string(String)
    case number(Decimal)
    case boolean(Bool)
    case date(LocalDate)
    case dateTime(Date)
    case time(TimeOfDay)
    case record(FlowRecord)
    case collection([FlowValue])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Salesforce's ISBLANK: null, an empty string, or an empty collection.
    public var isBlank: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .collection(let items): items.isEmpty
        default: false
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var numberValue: Decimal? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var booleanValue: Bool? {
        if case .boolean(let flag) = self { return flag }
        return nil
    }

    public var recordValue: FlowRecord? {
        if case .record(let record) = self { return record }
        return nil
    }

    public var collectionValue: [FlowValue]? {
        if case .collection(let items) = self { return items }
        return nil
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .string: "Text"
        case .number: "Number"
        case .boolean: "Boolean"
        case .date: "Date"
        case .dateTime: "DateTime"
        case .time: "Time"
        case .record: "Record"
        case .collection: "Collection"
        }
    }
}

extension FlowValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
