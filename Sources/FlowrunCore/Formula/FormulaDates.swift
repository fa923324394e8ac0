import Foundation

/// Calendar arithmetic for the formula operators and date functions. Everything is UTC, as
/// Salesforce evaluates formulas in GMT.
enum FormulaDates {
    static let millisecondsPerDay = 86_400_000

    /// The UTC time of day of an instant.
    static func timeOfDay(_ instant: Date) -> TimeOfDay {
        let millis = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
        return TimeOfDay(millisecondsSinceMidnight: millis % millisecondsPerDay)
    }

    /// Date + days; a fractional count of days is cut toward zero, since a Date has no time.
    static func adding(days: Decimal, to date: LocalDate) throws(FormulaError) -> LocalDate {
        guard let whole = days.truncatedInt, whole.magnitude < 3_000_000 else {
            throw .unplaced("The number of days \(days.plainText) is out of range")
        }
        return date.adding(days: whole)
    }

    /// How far a DateTime may be from 1970 either way, in seconds: about 8,000 years, as for a
    /// Date's days. Beyond it an instant means nothing, and the arithmetic on it (the time of day,
    /// the milliseconds between two instants) would overflow.
    static let instantBound: Double = 2.6e11

    /// DateTime + days, fractional days included (`+ 1/24` is one hour), to the millisecond.
    static func adding(days: Decimal, to instant: Date) throws(FormulaError) -> Date {
        let millis = (days * Decimal(millisecondsPerDay)).roundedMagnitude(scale: 0, .plain)
        let seconds = instant.timeIntervalSince1970 + millis.doubleValue / 1000
        guard seconds.magnitude <= instantBound else {
            throw .unplaced("A date-time moved by \(days.plainText) days is out of range")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Time + milliseconds, wrapping around midnight as Salesforce's Time does.
    static func adding(milliseconds: Decimal, to time: TimeOfDay) throws(FormulaError) -> TimeOfDay {
        guard let whole = milliseconds.truncatedInt else {
            throw .unplaced("The number of milliseconds \(milliseconds.plainText) is out of range")
        }
        return TimeOfDay(millisecondsSinceMidnight: time.millisecondsSinceMidnight + whole % millisecondsPerDay)
    }

    /// The days from `start` to `end`, fractional, to the millisecond; an error when the two
    /// are too far apart to count in milliseconds (instants given from outside can be anything).
    static func days(from start: Date, to end: Date) throws(FormulaError) -> Decimal {
        let millis = ((end.timeIntervalSince1970 - start.timeIntervalSince1970) * 1000).rounded()
        guard let whole = Int(exactly: millis) else {
            throw .unplaced("The time between \(start) and \(end) is out of range")
        }
        return Decimal(whole) / Decimal(millisecondsPerDay)
    }

    /// 1 for Sunday through 7 for Saturday.
    static func weekday(_ date: LocalDate) -> Int {
        // 1970-01-01 was a Thursday (5).
        let offset = (date.daysSinceEpoch + 4) % 7
        return (offset + 7) % 7 + 1
    }

    static func dayOfYear(_ date: LocalDate) -> Int {
        date.daysSinceEpoch - LocalDate(year: date.year, month: 1, day: 1).daysSinceEpoch + 1
    }

    /// The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday) and the
    /// year that week belongs to.
    static func isoWeek(_ date: LocalDate) -> (week: Int, year: Int) {
        let isoWeekday = (weekday(date) + 5) % 7 + 1  // Monday 1 … Sunday 7
        let thursday = date.adding(days: 4 - isoWeekday)
        return ((dayOfYear(thursday) - 1) / 7 + 1, thursday.year)
    }

    /// ADDMONTHS: the same day `months` later, except that the last day of a month maps to the
    /// last day of the resulting month, and a day past the resulting month's end is clamped to it.
    static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let total = date.year * 12 + (date.month - 1) + months
        let year = Int((Double(total) / 12).rounded(.down))
        let month = total - year * 12 + 1
        let lastDay = LocalDate.daysIn(month: month, year: year)
        let wasLastDay = date.day == LocalDate.daysIn(month: date.month, year: date.year)
        return LocalDate(year: year, month: month, day: wasLastDay ? lastDay : min(date.day, lastDay))
    }
}
