import Foundation

extension FlowValue {
    /// The value as a flow shows it in a merge field (`{!Var}`) or as TEXT() returns it:
    /// null is empty, numbers without trailing zeros, dates as `YYYY-MM-DD`,
    /// date-times as `YYYY-MM-DD HH:MM:SSZ` (UTC), booleans as `true`/`false`.
    public var displayText: String {
        switch self {
        case .null: ""
        case .string(let text): text
        case .number(let number): number.plainText
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        case .dateTime(let instant): instant.salesforceText
        case .time(let time): time.description
        case .record(let record): record.id ?? (record.objectType.map { "[\($0)]" } ?? "[Record]")
        case .collection(let items): "[" + items.map(\.displayText).joined(separator: ", ") + "]"
        }
    }
}

extension Decimal {
    /// `12`, `12.5`, `-0.25`: the shortest exact form, never exponent notation.
    public var plainText: String {
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 18, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        return text
    }
}

extension Date {
    /// `2024-05-01 09:30:00Z`, as Salesforce's TEXT() prints a DateTime.
    public var salesforceText: String {
        let date = LocalDate(utcDateOf: self)
        let seconds = Int(floor(timeIntervalSince1970)) - date.daysSinceEpoch * 86_400
        let time = TimeOfDay(millisecondsSinceMidnight: seconds * 1000)
        let clock = [time.hour, time.minute, time.second].map { String($0).leftPadded(to: 2) }.joined(separator: ":")
        return "\(date) \(clock)Z"
    }

    /// `2024-05-01T09:30:00.000Z`, ISO 8601 in UTC with milliseconds (JSON output, record storage).
    public var isoText: String {
        let date = LocalDate(utcDateOf: self)
        let millis = Int((timeIntervalSince1970 * 1000).rounded(.down)) - date.daysSinceEpoch * 86_400_000
        let time = TimeOfDay(millisecondsSinceMidnight: millis)
        let clock = [time.hour, time.minute, time.second].map { String($0).leftPadded(to: 2) }.joined(separator: ":")
        return "\(date)T\(clock).\(String(time.millisecond).leftPadded(to: 3))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.mmm]](Z|±HH:MM|±HHMM)` or `YYYY-MM-DD HH:MM:SS[Z]`; no zone
    /// means UTC. `±HHMM` is how Salesforce's REST and Bulk APIs write a zone (`…000+0000`).
    public init?(isoText text: some StringProtocol) {
        var body = String(text)
        if body.count >= 21, let sign = body.index(body.endIndex, offsetBy: -5, limitedBy: body.startIndex),
            body[sign] == "+" || body[sign] == "-",
            body[body.index(after: sign)...].allSatisfy({ $0.isASCII && $0.isNumber })
        {
            body.insert(":", at: body.index(body.endIndex, offsetBy: -2))
        }
        guard body.count >= 16 else { return nil }
        let splitIndex = body.index(body.startIndex, offsetBy: 10)
        guard body[splitIndex] == "T" || body[splitIndex] == " ",
            let date = LocalDate(iso: body[body.startIndex..<splitIndex])
        else { return nil }
        var rest = body[body.index(after: splitIndex)...]
        var offsetSeconds = 0
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if rest.count > 6, let signIndex = rest.index(rest.endIndex, offsetBy: -6, limitedBy: rest.startIndex),
            rest[signIndex] == "+" || rest[signIndex] == "-"
        {
            let zone = rest[rest.index(after: signIndex)...].split(separator: ":")
            guard zone.count == 2, let hours = Int(zone[0]), let minutes = Int(zone[1]) else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[rest.startIndex..<signIndex]
        }
        guard let time = TimeOfDay(iso: rest) else { return nil }
        let millis = Double(date.daysSinceEpoch) * 86_400_000 + Double(time.millisecondsSinceMidnight)
        self.init(timeIntervalSince1970: millis / 1000 - Double(offsetSeconds))
    }
}
