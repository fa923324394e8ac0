import Foundation

/// The exact, typed encoding used to store an interview: unlike plain JSON it keeps a Date
/// apart from the text `"2024-05-01"`, so a resumed interview sees the very values it left with.
extension FlowValue: Codable {
    private enum Key: String, CodingKey { case type, value, object }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "null": self = .null
        case "string": self = .string(try container.decode(String.self, forKey: .value))
        case "number": self = .number(try container.decode(Decimal.self, forKey: .value))
        case "boolean": self = .boolean(try container.decode(Bool.self, forKey: .value))
        case "date": self = .date(try container.decode(LocalDate.self, forKey: .value))
        case "dateTime":
            let text = try container.decode(String.self, forKey: .value)
            guard let instant = Date(isoText: text) else {
                throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "bad date-time")
            }
            self = .dateTime(instant)
        case "time": self = .time(try container.decode(TimeOfDay.self, forKey: .value))
        case "collection": self = .collection(try container.decode([FlowValue].self, forKey: .value))
        case "record":
            let fields = try container.decode([String: FlowValue].self, forKey: .value)
            let object = try container.decodeIfPresent(String.self, forKey: .object)
            self = .record(FlowRecord(objectType: object, fields: fields))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown type \(type)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .null: try container.encode("null", forKey: .type)
        case .string(let text):
            try container.encode("string", forKey: .type)
            try container.encode(text, forKey: .value)
        case .number(let number):
            try container.encode("number", forKey: .type)
            try container.encode(number, forKey: .value)
        case .boolean(let flag):
            try container.encode("boolean", forKey: .type)
            try container.encode(flag, forKey: .value)
        case .date(let date):
            try container.encode("date", forKey: .type)
            try container.encode(date, forKey: .value)
        case .dateTime(let instant):
            try container.encode("dateTime", forKey: .type)
            try container.encode(instant.isoText, forKey: .value)
        case .time(let time):
            try container.encode("time", forKey: .type)
            try container.encode(time, forKey: .value)
        case .collection(let items):
            try container.encode("collection", forKey: .type)
            try container.encode(items, forKey: .value)
        case .record(let record):
            try container.encode("record", forKey: .type)
            try container.encode(record.fields, forKey: .value)
            try container.encodeIfPresent(record.objectType, forKey: .object)
        }
    }
}
