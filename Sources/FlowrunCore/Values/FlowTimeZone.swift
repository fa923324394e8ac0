import Foundation

/// Which time zone turns an instant into a date (`TODAY()`, `DATEVALUE` of a DateTime,
/// `$Flow.CurrentDate`). Salesforce stores DateTimes in GMT and reads dates in the running user's
/// time zone (`User.TimeZoneSidKey`); automated runs with no user of their own (scheduled paths,
/// schedule-triggered flows) run as the Automated Process user, in the org's default time zone
/// (`Organization.TimeZoneSidKey`). flowrun reads the user from `--user`/the users fixture and the
/// organisation from the settings file; whichever is missing falls back to the next, then to UTC.
public enum FlowTimeZone {
    public static let utc: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// The zone a `TimeZoneSidKey` value names (`America/Los_Angeles`, `Europe/Paris`, `GMT`), if any.
    public static func named(_ value: FlowValue) -> TimeZone? {
        guard case .string(let key) = value, !key.isEmpty else { return nil }
        return TimeZone(identifier: key)
    }

    /// What is wrong with a record's `TimeZoneSidKey`, if it names no zone (for the settings
    /// file and `--user`, so a typo is an error rather than a silent UTC).
    public static func problem(in record: FlowRecord) -> String? {
        let value = record["TimeZoneSidKey"]
        guard !value.isNull, named(value) == nil else { return nil }
        return "TimeZoneSidKey \"\(value.displayText)\" is not a time zone; use a tz database name such as America/Los_Angeles"
    }

    /// The running user's zone, else the org's default, else UTC.
    public static func forUser(_ user: FlowRecord?, organization: FlowRecord?) -> TimeZone {
        user.flatMap { named($0["TimeZoneSidKey"]) } ?? forOrganization(organization)
    }

    /// The org's default zone, else UTC.
    public static func forOrganization(_ organization: FlowRecord?) -> TimeZone {
        organization.flatMap { named($0["TimeZoneSidKey"]) } ?? utc
    }
}

extension LocalDate {
    /// The calendar date an instant falls on in `zone` (daylight saving included: the offset is
    /// the zone's at that instant).
    public init(dateOf instant: Date, in zone: TimeZone) {
        self.init(utcDateOf: instant.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: instant))))
    }

    /// The first instant of this date in `zone` (midnight, or the first hour a daylight-saving
    /// change leaves when midnight does not exist there).
    public func startOfDay(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) else {
            return startOfDayUTC
        }
        return calendar.startOfDay(for: noon)
    }
}
