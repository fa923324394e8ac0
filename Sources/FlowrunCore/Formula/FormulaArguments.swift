import Foundation

/// The evaluated arguments of a function call, with typed accessors that null-check and produce
/// Salesforce-style type errors placed at the offending argument.
struct FormulaArguments {
    let function: FormulaFunction
    let values: [FlowValue]
    let nodes: [FormulaNode]

    var count: Int { values.count }

    subscript(index: Int) -> FlowValue { values[index] }

    /// True when any argument is null: most functions then return null ("treat blanks as blanks").
    var anyNull: Bool { values.contains { $0.isNull } }

    func typeError(_ index: Int, expected: String) -> FormulaError {
        FormulaError(
            "Incorrect parameter type for function '\(function.name)()'. Expected \(expected), "
                + "received \(values[index].kindName)",
            at: nodes[index].start)
    }

    func error(_ index: Int, _ message: String) -> FormulaError {
        FormulaError(message, at: nodes[index].start)
    }

    /// The number, or nil when null.
    func number(_ index: Int) throws(FormulaError) -> Decimal? {
        switch values[index] {
        case .null: return nil
        case .number(let number): return number
        default: throw typeError(index, expected: "Number")
        }
    }

    /// The number truncated to a whole number (fractional counts are cut, as Salesforce does), or nil when null.
    func integer(_ index: Int) throws(FormulaError) -> Int? {
        guard let number = try number(index) else { return nil }
        guard let whole = number.truncatedInt else { throw error(index, "The number \(number.plainText) is too large") }
        return whole
    }

    /// The text, or nil when null.
    func text(_ index: Int) throws(FormulaError) -> String? {
        switch values[index] {
        case .null: return nil
        case .string(let text): return text
        default: throw typeError(index, expected: "Text")
        }
    }

    /// The text, with null read as empty text (Salesforce's blank text).
    func textOrEmpty(_ index: Int) throws(FormulaError) -> String {
        try text(index) ?? ""
    }

    /// The date, or nil when null.
    func date(_ index: Int) throws(FormulaError) -> LocalDate? {
        switch values[index] {
        case .null: return nil
        case .date(let date): return date
        default: throw typeError(index, expected: "Date")
        }
    }

    /// The time, or nil when null. A DateTime gives its UTC time of day.
    func time(_ index: Int) throws(FormulaError) -> TimeOfDay? {
        switch values[index] {
        case .null: return nil
        case .time(let time): return time
        case .dateTime(let instant): return FormulaDates.timeOfDay(instant)
        default: throw typeError(index, expected: "Time")
        }
    }
}
