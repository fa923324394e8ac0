import Foundation

/// The type an imported value is given when the project's metadata does not declare its field.
///
/// A record fixture types its values by JSON (`RecordFixture`); a CSV cell is only text, so its
/// type is read from its form, the forms Data Loader and `sf data export bulk` write. The forms are
/// narrow on purpose: a guess that turns text into a number loses it (`02134` would lose its
/// zero), so anything not plainly a number, date or Boolean stays text. With metadata the field's
/// type decides instead (`ObjectMetadata.conformed`).
public enum FieldValueInference {
    /// A CSV cell's value (blank cells are null before this):
    /// - `true`/`false` in any case: a Boolean;
    /// - `-12`, `3.50`: a Number, unless it has a leading zero, a `+`, an exponent or more than 38 digits;
    /// - `2024-05-01`: a Date; `2024-05-01T09:30:00.000Z`, `…+0000` or `…+02:00`: a DateTime;
    /// - `09:30:00.000Z`: a Time (Salesforce's form for Time fields);
    /// - anything else: Text, as it is.
    public static func value(ofCell text: String) -> FlowValue {
        switch text.lowercased() {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: break
        }
        if isPlainNumber(text), let number = Decimal.parseStrict(text) { return .number(number) }
        return value(ofText: text)
    }

    /// Text from a JSON data file (`sf data export tree`): JSON already types numbers and
    /// Booleans, but writes dates and date-times as text, so only those forms are read.
    public static func value(ofText text: String) -> FlowValue {
        if text.count == 10, let date = LocalDate(iso: text) { return .date(date) }
        if text.count >= 16, text.dropFirst(10).first == "T", let instant = Date(isoText: text) { return .dateTime(instant) }
        if text.count == 13, text.hasSuffix("Z"), text.dropFirst(8).first == ".", let time = TimeOfDay(iso: text) {
            return .time(time)
        }
        return .string(text)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most 38 digits (what a Decimal holds exactly).
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if whole.count > 1, whole.first == "0" { return false }
        var count = whole.count
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            count += fraction.count
        }
        return count <= 38
    }
}
