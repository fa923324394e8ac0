/// Works out, without evaluating, what type a formula produces, as far as the types of its
/// references allow. Unknown stays nil rather than guessing, so the validator reports only sure mismatches.
struct FormulaTypeInference {
    let typeOf: (ReferencePath) -> FlowDataType?

    func type(of node: FormulaNode) -> FlowDataType? {
        switch node {
        case .literal(let value, _): return Self.type(of: value)
        case .reference(let path, _, _): return typeOf(path)
        case .unary(.not, _, _): return .boolean
        case .unary(_, let operand, _): return numeric(type(of: operand)) ?? .number
        case .binary(let op, let left, let right, _): return type(of: op, type(of: left), type(of: right))
        case .call(let function, let arguments, _): return type(of: function, arguments)
        }
    }

    static func type(of value: FlowValue) -> FlowDataType? {
        switch value {
        case .null, .collection: nil
        case .string: .string
        case .number: .number
        case .boolean: .boolean
        case .date: .date
        case .dateTime: .dateTime
        case .time: .time
        case .record: .sObject
        }
    }

    /// Currency stays currency through arithmetic; other numeric types become Number.
    private func numeric(_ type: FlowDataType?) -> FlowDataType? {
        guard let type, type.isNumeric else { return nil }
        return type
    }

    private func type(of op: FormulaBinaryOperator, _ left: FlowDataType?, _ right: FlowDataType?) -> FlowDataType? {
        switch op {
        case .equal, .notEqual, .less, .greater, .lessEqual, .greaterEqual, .and, .or: return .boolean
        case .concatenate: return .string
        case .multiply, .divide, .power: return numeric(left) ?? numeric(right) ?? .number
        case .add, .subtract:
            switch (left, right) {
            case (.date, .date), (.dateTime, .dateTime), (.time, .time): return op == .subtract ? .number : nil
            case (.date, _), (_, .date): return .date
            case (.dateTime, _), (_, .dateTime): return .dateTime
            case (.time, _), (_, .time): return .time
            case (let l?, let r?) where l.isTextual && r.isTextual: return .string
            case (let l?, _) where l.isTextual: return op == .add ? .string : nil
            case (_, let r?) where r.isTextual: return op == .add ? .string : nil
            default:
                // With one side unknown it could still be a Date + Number, so only two numbers give a Number.
                guard let left = numeric(left), let right = numeric(right) else { return nil }
                return left == .currency ? left : right
            }
        }
    }

    private func type(of function: FormulaFunction, _ arguments: [FormulaNode]) -> FlowDataType? {
        switch function {
        case .if: return firstKnown(arguments[1], arguments[2])
        case .case:
            var results = stride(from: 2, to: arguments.count - 1, by: 2).map { arguments[$0] }
            results.append(arguments[arguments.count - 1])
            return firstKnown(results)
        case .blankValue, .nullValue: return firstKnown(arguments[0], arguments[1])
        case .max, .min: return firstKnown(arguments)
        case .addMonths: return type(of: arguments[0]) == .dateTime ? .dateTime : .date
        case .round, .abs, .floor, .ceiling, .mfloor, .mceiling, .trunc, .mod:
            return numeric(type(of: arguments[0])) ?? .number
        case .priorValue: return type(of: arguments[0])
        case .isNew, .isChanged: return .boolean
        case .and, .or, .not, .isBlank, .isNull, .isNumber, .isPickval, .includes, .begins, .contains, .regex:
            return .boolean
        case .text, .left, .right, .mid, .substitute, .trim, .upper, .lower, .reverse, .br, .lpad, .rpad,
            .hyperlink, .caseSafeID, .initCap, .htmlEncode, .jsEncode, .urlEncode:
            return .string
        case .value, .len, .find, .sqrt, .exp, .ln, .log, .year, .month, .day, .hour, .minute, .second,
            .millisecond, .weekday, .dayOfYear, .isoWeek, .isoYear, .unixTimestamp:
            return .number
        case .now, .dateTimeValue, .fromUnixTime: return .dateTime
        case .today, .date, .dateValue: return .date
        case .timeValue, .timeNow: return .time
        }
    }

    private func firstKnown(_ nodes: FormulaNode...) -> FlowDataType? { firstKnown(nodes) }

    private func firstKnown(_ nodes: [FormulaNode]) -> FlowDataType? {
        for node in nodes {
            if let type = type(of: node) { return type }
        }
        return nil
    }
}
