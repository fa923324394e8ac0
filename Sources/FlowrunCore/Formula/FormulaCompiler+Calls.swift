import Foundation

/// Function calls. The functions that evaluate only some of their arguments, or read the clock or
/// the record being saved, get their own closures with the tree-walker's logic; every other
/// function evaluates all its compiled arguments and calls `FormulaBuiltins`.
extension FormulaCompiler {
    static func call(_ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition) -> Body {
        switch function {
        case .if:
            let test = condition(arguments[0])
            let then = body(of: arguments[1])
            let otherwise = body(of: arguments[2])
            return { environment throws(FormulaError) in try test(environment) ? then(environment) : otherwise(environment) }
        case .case:
            return caseOf(arguments)
        case .and:
            let conditions = arguments.map(condition)
            return { environment throws(FormulaError) in
                for condition in conditions {
                    if try !condition(environment) { return .boolean(false) }
                }
                return .boolean(true)
            }
        case .or:
            let conditions = arguments.map(condition)
            return { environment throws(FormulaError) in
                for condition in conditions {
                    if try condition(environment) { return .boolean(true) }
                }
                return .boolean(false)
            }
        case .blankValue:
            let value = body(of: arguments[0])
            let fallback = body(of: arguments[1])
            return { environment throws(FormulaError) in
                let result = try value(environment)
                return result.isBlank ? try fallback(environment) : result
            }
        case .nullValue:
            let value = body(of: arguments[0])
            let fallback = body(of: arguments[1])
            return { environment throws(FormulaError) in
                let result = try value(environment)
                return result.isNull ? try fallback(environment) : result
            }
        case .now:
            return { environment in .dateTime(environment.now) }
        case .today:
            return { environment in .date(LocalDate(dateOf: environment.now, in: environment.timeZone)) }
        case .dateValue:
            // A DateTime's date is the one it falls on in the running user's time zone.
            let value = body(of: arguments[0])
            let strict = builtin(function, arguments, at: position)
            return { environment throws(FormulaError) in
                let result = try value(environment)
                if case .dateTime(let instant) = result { return .date(LocalDate(dateOf: instant, in: environment.timeZone)) }
                return try strict([result])
            }
        case .timeNow:
            return { environment in .time(FormulaDates.timeOfDay(environment.now)) }
        case .isNew, .isChanged, .priorValue:
            return priorComparison(function, arguments, at: position)
        default:
            return strict(function, arguments, at: position)
        }
    }

    /// CASE(subject, value1, result1, …, else): the subject once, then each value in turn until
    /// one equals it; only the matching result (or the else) is evaluated.
    private static func caseOf(_ arguments: [FormulaNode]) -> Body {
        let subject = body(of: arguments[0])
        var branches: [(candidate: Body, start: FormulaPosition, result: Body)] = []
        var index = 1
        while index + 1 < arguments.count {
            branches.append((body(of: arguments[index]), arguments[index].start, body(of: arguments[index + 1])))
            index += 2
        }
        let otherwise = body(of: arguments[arguments.count - 1])
        return { [branches] environment throws(FormulaError) in
            let value = try subject(environment)
            for branch in branches {
                let candidate = try branch.candidate(environment)
                do throws(FormulaError) {
                    if try FormulaOperators.equal(value, candidate) { return try branch.result(environment) }
                } catch {
                    throw error.placed(at: branch.start)
                }
            }
            return try otherwise(environment)
        }
    }

    /// ISNEW(), ISCHANGED(field) and PRIORVALUE(field): see `FormulaEvaluator.priorComparison`.
    /// Whether the argument is a field of `$Record` is known here, but, as in the tree-walker, the
    /// error for one that is not comes only after `$Record__Prior` has been read.
    private static func priorComparison(_ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition)
        -> Body
    {
        let priorPath = ReferencePath(["$Record__Prior"])
        if function == .isNew {
            return { environment throws(FormulaError) in
                .boolean(try environment.value(of: priorPath, slot: nil).isNull)
            }
        }
        guard case .reference(let path, _, _) = arguments[0], path.head.caseInsensitiveCompare("$Record") == .orderedSame,
            !path.fields.isEmpty
        else {
            let error = FormulaError("\(function.name) takes a field of $Record, such as {!$Record.Status}", at: arguments[0].start)
            return { environment throws(FormulaError) in
                _ = try environment.value(of: priorPath, slot: nil)
                throw error
            }
        }
        let current = body(of: arguments[0])
        let fields = path.fields
        return { environment throws(FormulaError) in
            let prior = try environment.value(of: priorPath, slot: nil)
            let now = try current(environment)
            guard !prior.isNull else { return function == .isChanged ? .boolean(false) : now }
            let before = try DictionaryFormulaEnvironment.walk(prior, through: fields, of: path)
            if function == .priorValue { return before }
            do throws(FormulaError) {
                return .boolean(!(try FormulaOperators.equal(before, now)))
            } catch {
                throw error.placed(at: position)
            }
        }
    }

    /// A function that takes every argument's value.
    private static func strict(_ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition) -> Body {
        let apply = builtin(function, arguments, at: position)
        let values = arguments.map(body)
        switch values.count {
        case 0:
            return { _ throws(FormulaError) in try apply([]) }
        case 1:
            let first = values[0]
            return { environment throws(FormulaError) in try apply([try first(environment)]) }
        case 2:
            let first = values[0]
            let second = values[1]
            return { environment throws(FormulaError) in
                let a = try first(environment)
                return try apply([a, try second(environment)])
            }
        default:
            return { environment throws(FormulaError) in
                var evaluated: [FlowValue] = []
                evaluated.reserveCapacity(values.count)
                for value in values { evaluated.append(try value(environment)) }
                return try apply(evaluated)
            }
        }
    }

    /// The built-in's code applied to evaluated arguments, its errors placed at the call. The
    /// hottest functions are bound straight to their code; the rest go through
    /// `FormulaBuiltins.apply`'s switch, which calls the same code.
    private static func builtin(_ function: FormulaFunction, _ arguments: [FormulaNode], at position: FormulaPosition)
        -> @Sendable ([FlowValue]) throws(FormulaError) -> FlowValue
    {
        let code: @Sendable (FormulaArguments) throws(FormulaError) -> FlowValue =
            switch function {
            case .text: FormulaBuiltins.text
            case .left: FormulaBuiltins.left
            case .round: FormulaBuiltins.round
            case .mod: FormulaBuiltins.mod
            default: { args throws(FormulaError) in try FormulaBuiltins.apply(function, args) }
            }
        return { values throws(FormulaError) in
            do throws(FormulaError) {
                return try code(FormulaArguments(function: function, values: values, nodes: arguments))
            } catch {
                throw error.placed(at: position)
            }
        }
    }
}
