import Foundation

/// Plain JSON in and out of flows: `--input`, `--answers`, printed outputs, record fixtures.
///
/// JSON has no dates, so text is converted by the declared type of whatever receives it
/// (see `FlowValue.coerced(_:to:)`), and dates come out as ISO 8601 text.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        }
    }
}

extension FlowValue {
    /// The value as JSON: records become objects (with `attributes.type` when typed), dates ISO text.
    public var json: JSONValue {
        switch self {
        case .null: .null
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        case .boolean(let flag): .bool(flag)
        case .date(let date): .string(date.description)
        case .dateTime(let instant): .string(instant.isoText)
        case .time(let time): .string(time.description)
        case .collection(let items): .array(items.map(\.json))
        case .record(let record):
            .object(record.fields.mapValues(\.json))
        }
    }

    /// A JSON value taken as it is: objects become records, arrays collections, text stays text.
    public init(json: JSONValue, objectType: String? = nil) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .boolean(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .collection(items.map { FlowValue(json: $0, objectType: objectType) })
        case .object(let fields):
            self = .record(FlowRecord(objectType: objectType, fields: fields.mapValues { FlowValue(json: $0) }))
        }
    }
}
