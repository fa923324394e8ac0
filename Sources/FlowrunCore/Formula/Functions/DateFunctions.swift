import Foundation

extension FormulaBuiltins {
    /// DATE(year, month, day); an impossible date is an error.
    static func date(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let year = try args.integer(0), let month = try args.integer(1), let day = try args.integer(2) else {
            return .null
        }
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= LocalDate.daysIn(month: month, year: year)
        else {
            throw .unplaced("DATE(\(year), \(month), \(day)) is not a valid date")
        }
        return .date(LocalDate(year: year, month: month, day: day))
    }

    /// DATEVALUE(text or DateTime): the date part (UTC for a DateTime); text is `YYYY-MM-DD`,
    /// optionally followed by a time.
    static func dateValue(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .date: return args[0]
        case .dateTime(let instant): return .date(LocalDate(utcDateOf: instant))
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .null }
            if let date = LocalDate(iso: trimmed) { return .date(date) }
            if let instant = Date(isoText: trimmed) { return .date(LocalDate(utcDateOf: instant)) }
            throw args.error(0, "DATEVALUE: \"\(text)\" is not a date like 2024-05-01")
        default: throw args.typeError(0, expected: "Text or DateTime")
        }
    }

    /// DATETIMEVALUE(text or Date): text is `YYYY-MM-DD HH:MM:SS` in GMT; a Date is its midnight GMT.
    static func dateTimeValue(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .dateTime: return args[0]
        case .date(let date): return .dateTime(date.startOfDayUTC)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .null }
            if let instant = Date(isoText: trimmed) { return .dateTime(instant) }
            if let date = LocalDate(iso: trimmed) { return .dateTime(date.startOfDayUTC) }
            throw args.error(0, "DATETIMEVALUE: \"\(text)\" is not a date-time like 2024-05-01 09:30:00")
        default: throw args.typeError(0, expected: "Text or Date")
        }
    }

    /// A number taken from a date (a DateTime gives its UTC date).
    static func datePart(_ args: FormulaArguments, _ part: (LocalDate) -> Int) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .date(let date): return .number(Decimal(part(date)))
        case .dateTime(let instant): return .number(Decimal(part(LocalDate(utcDateOf: instant))))
        default: throw args.typeError(0, expected: "Date")
        }
    }

    static func timePart(_ args: FormulaArguments, _ part: (TimeOfDay) -> Int) throws(FormulaError) -> FlowValue {
        guard let time = try args.time(0) else { return .null }
        return .number(Decimal(part(time)))
    }

    /// ADDMONTHS(date or DateTime, months); a DateTime keeps its time of day.
    static func addMonths(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let months = try args.integer(1) else { return .null }
        switch args[0] {
        case .null: return .null
        case .date(let date): return .date(FormulaDates.adding(months: months, to: date))
        case .dateTime(let instant):
            let date = LocalDate(utcDateOf: instant)
            let shifted = FormulaDates.adding(months: months, to: date)
            let days = shifted.daysSinceEpoch - date.daysSinceEpoch
            return .dateTime(instant.addingTimeInterval(TimeInterval(days) * 86_400))
        default: throw args.typeError(0, expected: "Date or DateTime")
        }
    }

    /// TIMEVALUE(text or DateTime): text is `HH:MM:SS.MS`; a DateTime gives its GMT time of day.
    static func timeValue(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .time: return args[0]
        case .dateTime(let instant): return .time(FormulaDates.timeOfDay(instant))
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .null }
            guard let time = TimeOfDay(iso: trimmed) else {
                throw args.error(0, "TIMEVALUE: \"\(text)\" is not a time like 17:30:45.125")
            }
            return .time(time)
        default: throw args.typeError(0, expected: "Text or DateTime")
        }
    }

    /// UNIXTIMESTAMP(Date or DateTime): whole seconds since 1970-01-01 00:00:00 GMT.
    static func unixTimestamp(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .date(let date): return .number(Decimal(date.daysSinceEpoch) * 86_400)
        case .dateTime(let instant): return .number(Decimal(Int(instant.timeIntervalSince1970.rounded(.down))))
        case .time(let time): return .number(Decimal(time.millisecondsSinceMidnight / 1000))
        default: throw args.typeError(0, expected: "Date or DateTime")
        }
    }

    /// FROMUNIXTIME(seconds): the DateTime that many seconds after 1970-01-01 00:00:00 GMT.
    static func fromUnixTime(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let seconds = try args.number(0) else { return .null }
        return .dateTime(Date(timeIntervalSince1970: seconds.doubleValue))
    }
}
