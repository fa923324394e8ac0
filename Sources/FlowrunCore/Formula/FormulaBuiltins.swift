import Foundation

/// The functions that take every argument's value. Each category lives in its own file under
/// `Functions/`; this switch is the one place a `FormulaFunction` is mapped to its code.
enum FormulaBuiltins {
    static func apply(_ function: FormulaFunction, _ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch function {
        // Logical (IF, CASE, AND, OR, BLANKVALUE, NULLVALUE are lazy and live in the evaluator)
        case .not: try not(args)
        case .isBlank: .boolean(args[0].isBlank)
        case .isNull: .boolean(args[0].isNull)
        case .isNumber: try isNumber(args)
        case .isPickval: try isPickval(args)
        case .includes: try includes(args)
        // Text
        case .text: try text(args)
        case .value: try value(args)
        case .len: .number(Decimal(try args.textOrEmpty(0).count))
        case .left: try left(args)
        case .right: try right(args)
        case .mid: try mid(args)
        case .find: try find(args)
        case .substitute: try substitute(args)
        case .trim: try trim(args)
        case .upper: .string(try args.textOrEmpty(0).uppercased())
        case .lower: .string(try args.textOrEmpty(0).lowercased())
        case .begins: .boolean(try args.textOrEmpty(0).hasPrefix(try args.textOrEmpty(1)))
        case .contains: try contains(args)
        case .reverse: .string(String(try args.textOrEmpty(0).reversed()))
        case .br: .string("<br>")
        case .lpad: try pad(args, left: true)
        case .rpad: try pad(args, left: false)
        case .regex: try regex(args)
        case .hyperlink: try hyperlink(args)
        case .caseSafeID: try caseSafeID(args)
        case .initCap: .string(initCap(try args.textOrEmpty(0)))
        case .htmlEncode: .string(htmlEncode(try args.textOrEmpty(0)))
        case .jsEncode: .string(jsEncode(try args.textOrEmpty(0)))
        case .urlEncode: .string(urlEncode(try args.textOrEmpty(0)))
        // Math
        case .round: try round(args)
        case .abs: try unaryNumber(args) { $0.magnitude }
        case .max: try extreme(args, keepLarger: true)
        case .min: try extreme(args, keepLarger: false)
        case .mod: try mod(args)
        case .floor: try unaryNumber(args) { $0.roundedMagnitude(scale: 0, .down) }
        case .ceiling: try unaryNumber(args) { $0.roundedMagnitude(scale: 0, .up) }
        case .mfloor: try unaryNumber(args) { $0 < 0 ? $0.roundedMagnitude(scale: 0, .up) : $0.truncated }
        case .mceiling: try unaryNumber(args) { $0 < 0 ? $0.truncated : $0.roundedMagnitude(scale: 0, .up) }
        case .sqrt: try sqrt(args)
        case .exp: try viaDouble(args) { Foundation.exp($0) }
        case .ln: try logarithm(args) { Foundation.log($0) }
        case .log: try logarithm(args) { Foundation.log10($0) }
        case .trunc: try trunc(args)
        // Date and time
        case .date: try date(args)
        case .dateValue: try dateValue(args)
        case .dateTimeValue: try dateTimeValue(args)
        case .year: try datePart(args) { $0.year }
        case .month: try datePart(args) { $0.month }
        case .day: try datePart(args) { $0.day }
        case .dayOfYear: try datePart(args) { FormulaDates.dayOfYear($0) }
        case .isoWeek: try datePart(args) { FormulaDates.isoWeek($0).week }
        case .isoYear: try datePart(args) { FormulaDates.isoWeek($0).year }
        case .weekday: try datePart(args) { FormulaDates.weekday($0) }
        case .hour: try timePart(args) { $0.hour }
        case .minute: try timePart(args) { $0.minute }
        case .second: try timePart(args) { $0.second }
        case .millisecond: try timePart(args) { $0.millisecond }
        case .addMonths: try addMonths(args)
        case .timeValue: try timeValue(args)
        case .unixTimestamp: try unixTimestamp(args)
        case .fromUnixTime: try fromUnixTime(args)
        case .if, .case, .and, .or, .blankValue, .nullValue, .now, .today, .timeNow, .isNew, .isChanged, .priorValue:
            // The evaluator handles these before calling here.
            throw .unplaced("Internal error: \(function.name) reached the strict dispatcher")
        }
    }
}
