import Foundation

extension FormulaBuiltins {
    /// A one-number function; null in, null out.
    static func unaryNumber(_ args: FormulaArguments, _ transform: (Decimal) -> Decimal) throws(FormulaError)
        -> FlowValue
    {
        guard let number = try args.number(0) else { return .null }
        return .number(transform(number))
    }

    /// ROUND(number, digits): half away from zero (`ROUND(-1.5, 0)` is -2); negative digits round
    /// to tens, hundreds, … (`ROUND(1234.5678, -2)` is 1200).
    static func round(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0), let digits = try args.integer(1) else { return .null }
        return .number(number.roundedMagnitude(scale: digits, .plain))
    }

    /// TRUNC(number[, digits]): cut toward zero to `digits` decimals (0 by default).
    static func trunc(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0) else { return .null }
        var digits = 0
        if args.count == 2 {
            guard let given = try args.integer(1) else { return .null }
            digits = given
        }
        return .number(number.roundedMagnitude(scale: digits, .down))
    }

    /// MAX/MIN of numbers (or of dates, date-times, times or texts, all of one kind); null if any is null.
    static func extreme(_ args: FormulaArguments, keepLarger: Bool) throws(FormulaError) -> FlowValue {
        if args.anyNull { return .null }
        var best = args[0]
        switch best {
        case .number, .date, .dateTime, .time, .string: break
        default: throw args.typeError(0, expected: "Number")
        }
        for index in 1..<args.count {
            guard let ordering = FlowValue.order(args[index], best), args[index].kindName == best.kindName else {
                throw args.typeError(index, expected: best.kindName)
            }
            if ordering == (keepLarger ? .orderedDescending : .orderedAscending) { best = args[index] }
        }
        return best
    }

    /// MOD(number, divisor): the remainder with the sign of the number, as Salesforce (and Java) compute it.
    static func mod(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0), let divisor = try args.number(1) else { return .null }
        guard divisor != 0 else { throw args.error(1, "Division by zero") }
        if let remainder = SmallDecimal.remainder(number, divisor) { return .number(remainder) }
        return .number(number - divisor * (number / divisor).truncated)
    }

    /// SQRT(number): an error for a negative number. Refined in Decimal so perfect squares are exact.
    static func sqrt(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0) else { return .null }
        guard number >= 0 else { throw args.error(0, "SQRT: the square root of a negative number is not a real number") }
        if number == 0 { return .number(0) }
        guard var root = Decimal(shortest: Foundation.sqrt(number.doubleValue)), root > 0 else {
            throw args.error(0, "SQRT: the number is out of range")
        }
        // Two Newton steps take the Double estimate to Decimal's full precision.
        for _ in 0..<2 { root = (root + number / root) / 2 }
        if root.roundedMagnitude(scale: 0, .plain) * root.roundedMagnitude(scale: 0, .plain) == number {
            root = root.roundedMagnitude(scale: 0, .plain)
        }
        return .number(root)
    }

    /// A function computed in Double (EXP), turned back into the shortest matching Decimal.
    static func viaDouble(_ args: FormulaArguments, _ function: (Double) -> Double) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0) else { return .null }
        guard let result = Decimal(shortest: function(number.doubleValue)) else {
            throw args.error(0, "\(args.function.name): the result is out of range")
        }
        return .number(result)
    }

    /// LN and LOG: defined only for positive numbers.
    static func logarithm(_ args: FormulaArguments, _ function: (Double) -> Double) throws(FormulaError) -> FlowValue {
        guard let number = try args.number(0) else { return .null }
        guard number > 0 else {
            throw args.error(0, "\(args.function.name): the logarithm of a number that is not positive is undefined")
        }
        return try viaDouble(args, function)
    }
}
