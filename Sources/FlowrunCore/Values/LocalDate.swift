import Foundation

/// A calendar date with no time and no zone, as Salesforce's Date type (`2024-02-29`).
public struct LocalDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil: exact for every Gregorian date, no Calendar needed.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The UTC calendar date of an instant.
    public init(utcDateOf instant: Date) {
        let seconds = Int(floor(instant.timeIntervalSince1970))
        self.init(daysSinceEpoch: Int(floor(Double(seconds) / 86_400)))
    }

    /// Midnight UTC at the start of this date.
    public var startOfDayUTC: Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let y = String(year).leftPadded(to: 4)
        return "\(y)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
    }
}

/// A time of day with millisecond precision and no zone, as Salesforce's Time type.
public struct TimeOfDay: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var millisecondsSinceMidnight: Int

    public init(millisecondsSinceMidnight: Int) {
        let day = 86_400_000
        self.millisecondsSinceMidnight = ((millisecondsSinceMidnight % day) + day) % day
    }

    public init(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
        self.init(millisecondsSinceMidnight: ((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }

    /// Parses `HH:MM`, `HH:MM:SS` or `HH:MM:SS.mmm`, optionally followed by `Z`.
    public init?(iso text: some StringProtocol) {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        var second = 0
        var milli = 0
        if parts.count == 3 {
            let secondParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
            guard let whole = Int(secondParts[0]), (0..<60).contains(whole) else { return nil }
            second = whole
            if secondParts.count == 2 {
                let digits = String(secondParts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
                guard let fraction = Int(digits) else { return nil }
                milli = fraction
            }
        }
        self.init(hour: hour, minute: minute, second: second, millisecond: milli)
    }

    public var hour: Int { millisecondsSinceMidnight / 3_600_000 }
    public var minute: Int { millisecondsSinceMidnight / 60_000 % 60 }
    public var second: Int { millisecondsSinceMidnight / 1000 % 60 }
    public var millisecond: Int { millisecondsSinceMidnight % 1000 }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.millisecondsSinceMidnight < rhs.millisecondsSinceMidnight
    }

    /// `HH:MM:SS.mmmZ`, the form Salesforce prints a Time in.
    public var description: String {
        let parts = [hour, minute, second].map { String($0).leftPadded(to: 2) }
        return parts.joined(separator: ":") + "." + String(millisecond).leftPadded(to: 3) + "Z"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
