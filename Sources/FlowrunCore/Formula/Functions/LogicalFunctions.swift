import Foundation

extension FormulaBuiltins {
    /// NOT(null) is null: a blank test stays blank rather than turning true.
    static func not(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .null
        case .boolean(let flag): return .boolean(!flag)
        default: throw args.typeError(0, expected: "Boolean")
        }
    }

    /// True when the text is a number (`"12"`, `"-3.5"`); a number argument is trivially one.
    static func isNumber(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .null: return .boolean(false)
        case .number: return .boolean(true)
        case .string(let text):
            return .boolean(Decimal.parseStrict(text.trimmingCharacters(in: .whitespaces)) != nil)
        default: throw args.typeError(0, expected: "Text")
        }
    }

    /// ISPICKVAL(picklist, "literal"): an exact match; a blank picklist matches "".
    static func isPickval(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let value = try args.textOrEmpty(0)
        guard case .string(let literal) = args[1] else { throw args.typeError(1, expected: "Text") }
        return .boolean(value == literal)
    }

    /// INCLUDES(multiselect, "value"): whether the `;`-separated selections contain the value.
    static func includes(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let selections = try args.textOrEmpty(0)
        let wanted = try args.textOrEmpty(1)
        guard !wanted.isEmpty else { return .boolean(false) }
        return .boolean(
            selections.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == wanted })
    }
}
