import Foundation

/// Why a value could not be taken as a declared type, in words a user can act on.
public struct CoercionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension FlowValue {
    /// The value converted to `type` as Salesforce converts input (text typed into a field,
    /// `--input`, JSON answers): `"42"` to a Number, `"true"` to a Boolean, `"2024-05-01"` to a Date.
    /// Null stays null. A value that cannot be converted is an error that says what was expected.
    public func coerced(to type: FlowDataType) throws(CoercionError) -> FlowValue {
        if case .null = self { return .null }
        switch type {
        case .string, .picklist, .multipicklist:
            switch self {
            case .string: return self
            case .record, .collection: throw CoercionError("expected Text, got a \(kindName)")
            default: return .string(displayText)
            }
        case .number, .currency:
            switch self {
            case .number: return self
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .null }
                guard let number = Decimal.parseStrict(trimmed) else {
                    throw CoercionError("expected a number, got \"\(text)\"")
                }
                return .number(number)
            default: throw CoercionError("expected a number, got a \(kindName)")
            }
        case .boolean:
            switch self {
            case .boolean: return self
            case .string(let text):
                switch text.lowercased() {
                case "true", "1", "yes": return .boolean(true)
                case "false", "0", "no", "": return .boolean(false)
                default: throw CoercionError("expected true or false, got \"\(text)\"")
                }
            case .number(let number): return .boolean(number != 0)
            default: throw CoercionError("expected true or false, got a \(kindName)")
            }
        case .date:
            switch self {
            case .date: return self
            case .dateTime(let instant): return .date(LocalDate(utcDateOf: instant))
            case .string(let text):
                if let date = LocalDate(iso: text) { return .date(date) }
                // A DateTime field stored as text (2024-03-01T12:00:00.000Z) keeps its date part in
                // a Date, as Salesforce converts a DateTime to a Date (in GMT).
                if let instant = Date(isoText: text) { return .date(LocalDate(utcDateOf: instant)) }
                throw CoercionError("expected a date like 2024-05-01, got \"\(text)\"")
            default: throw CoercionError("expected a Date, got a \(kindName)")
            }
        case .dateTime:
            switch self {
            case .dateTime: return self
            case .date(let date): return .dateTime(date.startOfDayUTC)
            case .string(let text):
                if let instant = Date(isoText: text) { return .dateTime(instant) }
                if let date = LocalDate(iso: text) { return .dateTime(date.startOfDayUTC) }
                throw CoercionError("expected a date-time like 2024-05-01T09:30:00Z, got \"\(text)\"")
            default: throw CoercionError("expected a DateTime, got a \(kindName)")
            }
        case .time:
            switch self {
            case .time: return self
            case .string(let text):
                guard let time = TimeOfDay(iso: text) else {
                    throw CoercionError("expected a time like 09:30:00, got \"\(text)\"")
                }
                return .time(time)
            default: throw CoercionError("expected a Time, got a \(kindName)")
            }
        case .sObject, .apex:
            switch self {
            case .record: return self
            default: throw CoercionError("expected a record, got a \(kindName)")
            }
        }
    }
}

extension Decimal {
    /// Parses `-12`, `3.50`, `+1e3`; unlike `Decimal(string:)` it refuses trailing garbage (`"12abc"`).
    ///
    /// The text is checked byte by byte (every accepted character is ASCII): by `Character`s and
    /// with a new `Locale` per call, this was a twentieth of parsing a large flow.
    public static func parseStrict(_ text: some StringProtocol) -> Decimal? {
        let body = String(text)
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: UInt8 = 0
        for (offset, byte) in body.utf8.enumerated() {
            defer { previous = byte }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                // A sign leads the number or its exponent.
                guard offset == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            case UInt8(ascii: ".") where !sawDot && !sawExponent:
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
                sawDigit = false
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        // No locale: Foundation then takes "." as the separator, which is all the bytes above
        // allow. A `Locale` (even en_US_POSIX) is built through ICU on first use: about 0.6 ms of
        // `flowrun check`'s start-up and ICU's number-format data in memory, for nothing.
        return Decimal(string: body, locale: nil)
    }
}
