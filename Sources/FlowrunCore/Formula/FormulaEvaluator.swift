import Foundation

/// Walks a `FormulaNode` tree. Generic over the environment so the calls into it are static; the
/// environment is passed down as a parameter (borrowed) rather than kept in a stored property,
/// which copied it, and the interpreter's environment is its whole working state, on every
/// formula evaluated.
struct FormulaEvaluator<Environment: FormulaEnvironment> {
    static func evaluate(_ node: FormulaNode, in environment: Environment) throws(FormulaError) -> FlowValue {
        switch node {
        case .literal(let value, _):
            return value
        case .reference(let path, let slot, let position):
            do throws(FormulaError) {
                return try environment.value(of: path, slot: slot)
            } catch {
                throw error.placed(at: position)
            }
        case .unary(let op, let operand, let position):
            let value = try evaluate(operand, in: environment)
            do throws(FormulaError) {
                return try FormulaOperators.apply(op, value)
            } catch {
                throw error.placed(at: position)
            }
        case .binary(.and, let left, let right, _):
            // Short-circuit, as AND() does: the right side is not evaluated when the left is false.
            guard try condition(left, in: environment) else { return .boolean(false) }
            return .boolean(try condition(right, in: environment))
        case .binary(.or, let left, let right, _):
            if try condition(left, in: environment) { return .boolean(true) }
            return .boolean(try condition(right, in: environment))
        case .binary(let op, let left, let right, let position):
            let lhs = try evaluate(left, in: environment)
            let rhs = try evaluate(right, in: environment)
            do throws(FormulaError) {
                return try FormulaOperators.apply(op, lhs, rhs)
            } catch {
                throw error.placed(at: position)
            }
        case .call(let function, let arguments, let position):
            return try call(function, arguments, at: position, in: environment)
        }
    }

    /// A logical test: true, false, or null (a blank condition counts as false, as in Salesforce).
    static func condition(_ node: FormulaNode, in environment: Environment) throws(FormulaError) -> Bool {
        switch try evaluate(node, in: environment) {
        case .boolean(let flag): return flag
        case .null: return false
        case let other:
            throw FormulaError("Expected a Boolean (true or false), received \(other.kindName)", at: node.start)
        }
    }

    /// ISNEW(), ISCHANGED(field) and PRIORVALUE(field) of record-triggered flows: `$Record`
    /// against `$Record__Prior`, which is null when the record is being created (then ISNEW is
    /// true, ISCHANGED false and PRIORVALUE the current value, as in Salesforce).
    private static func priorComparison(
        _ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition, in environment: Environment
    ) throws(FormulaError) -> FlowValue {
        let prior = try environment.value(of: ReferencePath(["$Record__Prior"]), slot: nil)
        if function == .isNew { return .boolean(prior.isNull) }
        guard case .reference(let path, _, _) = arguments[0], path.head.caseInsensitiveCompare("$Record") == .orderedSame,
            !path.fields.isEmpty
        else {
            throw FormulaError("\(function.name) takes a field of $Record, such as {!$Record.Status}", at: arguments[0].start)
        }
        let current = try evaluate(arguments[0], in: environment)
        guard !prior.isNull else { return function == .isChanged ? .boolean(false) : current }
        let before = try DictionaryFormulaEnvironment.walk(prior, through: path.fields, of: path)
        if function == .priorValue { return before }
        do throws(FormulaError) {
            return .boolean(!(try FormulaOperators.equal(before, current)))
        } catch {
            throw error.placed(at: position)
        }
    }

    private static func call(
        _ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition, in environment: Environment
    ) throws(FormulaError) -> FlowValue {
        // Functions that evaluate only some of their arguments are handled here; all others get
        // every argument's value.
        switch function {
        case .if:
            return try evaluate(condition(arguments[0], in: environment) ? arguments[1] : arguments[2], in: environment)
        case .case:
            let subject = try evaluate(arguments[0], in: environment)
            var index = 1
            while index + 1 < arguments.count {
                let candidate = try evaluate(arguments[index], in: environment)
                do throws(FormulaError) {
                    if try FormulaOperators.equal(subject, candidate) { return try evaluate(arguments[index + 1], in: environment) }
                } catch {
                    throw error.placed(at: arguments[index].start)
                }
                index += 2
            }
            return try evaluate(arguments[arguments.count - 1], in: environment)
        case .and:
            for argument in arguments {
                if try !condition(argument, in: environment) { return .boolean(false) }
            }
            return .boolean(true)
        case .or:
            for argument in arguments {
                if try condition(argument, in: environment) { return .boolean(true) }
            }
            return .boolean(false)
        case .blankValue:
            let value = try evaluate(arguments[0], in: environment)
            return value.isBlank ? try evaluate(arguments[1], in: environment) : value
        case .nullValue:
            let value = try evaluate(arguments[0], in: environment)
            return value.isNull ? try evaluate(arguments[1], in: environment) : value
        case .now:
            return .dateTime(environment.now)
        case .today:
            return .date(LocalDate(dateOf: environment.now, in: environment.timeZone))
        case .dateValue:
            // A DateTime's date is the one it falls on in the running user's time zone.
            let value = try evaluate(arguments[0], in: environment)
            if case .dateTime(let instant) = value { return .date(LocalDate(dateOf: instant, in: environment.timeZone)) }
            return try apply(function, [value], arguments, at: position)
        case .timeNow:
            return .time(FormulaDates.timeOfDay(environment.now))
        case .isNew, .isChanged, .priorValue:
            return try priorComparison(function, arguments, at: position, in: environment)
        default:
            var values: [FlowValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try evaluate(argument, in: environment)) }
            return try apply(function, values, arguments, at: position)
        }
    }

    private static func apply(
        _ function: FormulaFunction, _ values: [FlowValue], _ arguments: [FormulaNode], at position: FormulaPosition
    ) throws(FormulaError) -> FlowValue {
        let args = FormulaArguments(function: function, values: values, nodes: arguments)
        do throws(FormulaError) {
            return try FormulaBuiltins.apply(function, args)
        } catch {
            throw error.placed(at: position)
        }
    }
}
