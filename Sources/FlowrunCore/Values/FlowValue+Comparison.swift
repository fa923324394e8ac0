import Foundation

extension FlowValue {
    /// Orders two values of comparable kinds (numbers, text, dates, date-times, times, booleans);
    /// nil when they cannot be ordered (different kinds, records, collections, null).
    /// A Date against a DateTime compares the date with the start of its UTC day.
    public static func order(_ lhs: FlowValue, _ rhs: FlowValue, caseSensitive: Bool = true) -> ComparisonResult? {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return SmallDecimal.order(a, b)
        case (.string(let a), .string(let b)):
            if caseSensitive { return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending) }
            return a.caseInsensitiveCompare(b)
        case (.date(let a), .date(let b)): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.dateTime(let a), .dateTime(let b)): return a.compare(b)
        case (.date(let a), .dateTime(let b)): return a.startOfDayUTC.compare(b)
        case (.dateTime(let a), .date(let b)): return a.compare(b.startOfDayUTC)
        case (.time(let a), .time(let b)): return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case (.boolean(let a), .boolean(let b)): return a == b ? .orderedSame : (!a ? .orderedAscending : .orderedDescending)
        default: return nil
        }
    }

    /// Equality as flow conditions see it: numbers by value (`1.0` equals `1`); text compared
    /// exactly (or ignoring case for record filters). Null equals only null: Salesforce Help,
    /// *Global Constant Resource*, "Null Versus Empty String": "Blank Value (Empty String) and
    /// null are treated as separate, distinct values". `blankTextIsNull` is for the places where
    /// Salesforce has no empty text to tell apart: formulas (whose engine reads blank text as
    /// "") and record fields (saved blank text is null).
    public static func looselyEqual(
        _ lhs: FlowValue, _ rhs: FlowValue, caseSensitive: Bool = true, blankTextIsNull: Bool = false
    ) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, .string(let text)), (.string(let text), .null): return blankTextIsNull && text.isEmpty
        case (.null, _), (_, .null): return false
        case (.record(let a), .record(let b)):
            if let idA = a.id, let idB = b.id { return idA == idB }
            return a == b
        case (.collection(let a), .collection(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { looselyEqual($0, $1, caseSensitive: caseSensitive, blankTextIsNull: blankTextIsNull) }
        default:
            if let ordering = order(lhs, rhs, caseSensitive: caseSensitive) { return ordering == .orderedSame }
            return false
        }
    }

    /// The value as a record field holds it once saved: blank text is null there (a Salesforce
    /// record never holds "": SOQL returns a blank Text field as null, and Is Null is true for it).
    public var savedFieldValue: FlowValue {
        if case .string(let text) = self, text.isEmpty { return .null }
        return self
    }
}
