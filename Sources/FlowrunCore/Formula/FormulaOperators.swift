import Foundation

/// The operators' semantics. Errors are thrown unplaced; the evaluator places them at the operator.
enum FormulaOperators {
    static func apply(_ op: FormulaUnaryOperator, _ value: FlowValue) throws(FormulaError) -> FlowValue {
        switch (op, value) {
        case (_, .null): return .null
        case (.negate, .number(let number)): return .number(-number)
        case (.plus, .number): return value
        case (.not, .boolean(let flag)): return .boolean(!flag)
        case (.not, _):
            throw .unplaced("Incorrect parameter type for operator '!'. Expected Boolean, received \(value.kindName)")
        default:
            throw .unplaced(
                "Incorrect parameter type for operator '\(op.rawValue)'. Expected Number, received \(value.kindName)")
        }
    }

    static func apply(_ op: FormulaBinaryOperator, _ lhs: FlowValue, _ rhs: FlowValue) throws(FormulaError)
        -> FlowValue
    {
        switch op {
        case .add: return try add(lhs, rhs)
        case .subtract: return try subtract(lhs, rhs)
        case .multiply, .divide, .power: return try arithmetic(op, lhs, rhs)
        case .concatenate: return try concatenate(lhs, rhs)
        case .equal: return .boolean(try equal(lhs, rhs))
        case .notEqual: return .boolean(!(try equal(lhs, rhs)))
        case .less, .greater, .lessEqual, .greaterEqual: return try compare(op, lhs, rhs)
        case .and, .or:
            // Evaluated with short-circuit by the evaluator; kept for completeness.
            guard let left = lhs.booleanValue ?? (lhs.isNull ? false : nil),
                let right = rhs.booleanValue ?? (rhs.isNull ? false : nil)
            else { throw mismatch(op, expected: "Boolean", lhs, rhs) }
            return .boolean(op == .and ? left && right : left || right)
        }
    }

    private static func mismatch(_ op: FormulaBinaryOperator, expected: String, _ lhs: FlowValue, _ rhs: FlowValue)
        -> FormulaError
    {
        .unplaced(
            "Incorrect parameter type for operator '\(op.rawValue)'. Expected \(expected), "
                + "received \(lhs.kindName) and \(rhs.kindName)")
    }

    private static func checked(_ number: Decimal) throws(FormulaError) -> FlowValue {
        guard !number.isNaN else { throw .unplaced("The result is too large to represent") }
        return .number(number)
    }

    static func add(_ lhs: FlowValue, _ rhs: FlowValue) throws(FormulaError) -> FlowValue {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return try checked(SmallDecimal.sum(a, b))
        // `+` on texts concatenates; a blank text operand is empty text.
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.string(let a), .null): return .string(a)
        case (.null, .string(let b)): return .string(b)
        case (.null, _), (_, .null): return .null
        case (.date(let date), .number(let days)), (.number(let days), .date(let date)):
            return .date(try FormulaDates.adding(days: days, to: date))
        case (.dateTime(let instant), .number(let days)), (.number(let days), .dateTime(let instant)):
            return .dateTime(try FormulaDates.adding(days: days, to: instant))
        case (.time(let time), .number(let millis)), (.number(let millis), .time(let time)):
            return .time(try FormulaDates.adding(milliseconds: millis, to: time))
        default:
            throw mismatch(.add, expected: "Number, Date, DateTime, Time or Text", lhs, rhs)
        }
    }

    static func subtract(_ lhs: FlowValue, _ rhs: FlowValue) throws(FormulaError) -> FlowValue {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return try checked(SmallDecimal.sum(a, b, subtracting: true))
        case (.null, _), (_, .null): return .null
        case (.date(let date), .number(let days)): return .date(try FormulaDates.adding(days: -days, to: date))
        case (.date(let a), .date(let b)): return .number(Decimal(a.daysSinceEpoch - b.daysSinceEpoch))
        case (.dateTime(let instant), .number(let days)): return .dateTime(try FormulaDates.adding(days: -days, to: instant))
        case (.dateTime(let a), .dateTime(let b)): return .number(try FormulaDates.days(from: b, to: a))
        case (.time(let time), .number(let millis)): return .time(try FormulaDates.adding(milliseconds: -millis, to: time))
        case (.time(let a), .time(let b)):
            return .number(Decimal(a.millisecondsSinceMidnight - b.millisecondsSinceMidnight))
        default:
            throw mismatch(.subtract, expected: "Number, Date, DateTime or Time", lhs, rhs)
        }
    }

    private static func arithmetic(_ op: FormulaBinaryOperator, _ lhs: FlowValue, _ rhs: FlowValue)
        throws(FormulaError) -> FlowValue
    {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            switch op {
            case .multiply: return try checked(SmallDecimal.product(a, b))
            case .divide:
                guard b != 0 else { throw .unplaced("Division by zero") }
                return try checked(a / b)
            default: return try checked(power(a, b))
            }
        case (.null, .number), (.number, .null), (.null, .null): return .null
        default: throw mismatch(op, expected: "Number", lhs, rhs)
        }
    }

    /// `base ^ exponent`: exact for whole exponents, through Double otherwise.
    static func power(_ base: Decimal, _ exponent: Decimal) throws(FormulaError) -> Decimal {
        if exponent.isWhole, let whole = exponent.truncatedInt, whole.magnitude <= 10_000 {
            if whole >= 0 { return Decimal.power(base, whole) }
            guard base != 0 else { throw .unplaced("Division by zero") }
            return 1 / Decimal.power(base, -whole)
        }
        guard let result = Decimal(shortest: Foundation.pow(base.doubleValue, exponent.doubleValue)) else {
            throw .unplaced("\(base.plainText) ^ \(exponent.plainText) is not a real number")
        }
        return result
    }

    /// `&` joins texts; null counts as empty text.
    static func concatenate(_ lhs: FlowValue, _ rhs: FlowValue) throws(FormulaError) -> FlowValue {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.string(let a), .null): return .string(a)
        case (.null, .string(let b)): return .string(b)
        case (.null, .null): return .string("")
        default: throw mismatch(.concatenate, expected: "Text (use TEXT() to convert)", lhs, rhs)
        }
    }

    /// The comparable family of a value; nil for null, which compares with anything.
    private static func family(_ value: FlowValue) -> Int? {
        switch value {
        case .null: nil
        case .string: 0
        case .number: 1
        case .boolean: 2
        case .date, .dateTime: 3
        case .time: 4
        case .record: 5
        case .collection: 6
        }
    }

    /// `=`: text case-sensitively, null equal to null and to blank text, numbers by value.
    static func equal(_ lhs: FlowValue, _ rhs: FlowValue) throws(FormulaError) -> Bool {
        if let a = family(lhs), let b = family(rhs), a != b {
            throw .unplaced(
                "Incorrect parameter type for operator '='. Cannot compare \(lhs.kindName) with \(rhs.kindName)")
        }
        return FlowValue.looselyEqual(lhs, rhs, blankTextIsNull: true)
    }

    /// `< > <= >=`: a blank operand gives a blank (null) result, which a condition reads as false.
    private static func compare(_ op: FormulaBinaryOperator, _ lhs: FlowValue, _ rhs: FlowValue)
        throws(FormulaError) -> FlowValue
    {
        if lhs.isNull || rhs.isNull { return .null }
        guard family(lhs) == family(rhs), let ordering = FlowValue.order(lhs, rhs) else {
            throw .unplaced(
                "Incorrect parameter type for operator '\(op.rawValue)'. Cannot compare \(lhs.kindName) "
                    + "with \(rhs.kindName)")
        }
        switch op {
        case .less: return .boolean(ordering == .orderedAscending)
        case .greater: return .boolean(ordering == .orderedDescending)
        case .lessEqual: return .boolean(ordering != .orderedDescending)
        default: return .boolean(ordering != .orderedAscending)
        }
    }
}
