/// A value an element reads, lowered for running: the cases a decision, an assignment or a loop
/// reads most (a literal, a variable, one field of a record variable) are resolved once to a value
/// or a slot index, so reading them does no switch over the resource's kind and no path walk.
/// Everything else keeps its `BoundExpression` and is read by the general evaluator.
enum LoweredOperand: Sendable {
    /// A literal, a constant resource, `$GlobalConstant.True`, `.False` or `.EmptyString`.
    case value(FlowValue)
    /// A resource whose value the interview holds (a variable, a screen field, an element's
    /// output, `$Record`), read whole.
    case stored(Int)
    /// One field of a record held in such a resource (`Opp.Amount`), its name resolved to a key.
    case field(Int, FieldKey, String)
    /// A formula written in place (a condition's or an assignment's value), compiled once.
    case formula(FormulaProgram<Execution>, SourceLocation)
    /// Anything else: templates, longer paths, other globals.
    case general(BoundExpression)

    init(_ expression: BoundExpression?, resources: [Resource]) {
        guard let expression else {
            self = .value(.null)
            return
        }
        switch expression {
        case .literal(let value):
            self = .value(value)
        case .slot(let slot, let fields):
            switch resources[slot].kind {
            case .constant(let value) where fields.isEmpty:
                self = .value(value)
            case .variable, .screenField, .elementOutput, .triggerRecord:
                if fields.isEmpty {
                    self = .stored(slot)
                } else if fields.count == 1, let field = fields.first, !field.utf8.contains(UInt8(ascii: ":")) {
                    self = .field(slot, FieldKey(field), field)
                } else {
                    self = .general(expression)
                }
            default:
                self = .general(expression)
            }
        case .global(.constantTrue, let fields) where fields.isEmpty:
            self = .value(.boolean(true))
        case .global(.constantFalse, let fields) where fields.isEmpty:
            self = .value(.boolean(false))
        case .global(.emptyString, let fields) where fields.isEmpty:
            self = .value(.string(""))
        case .formula(let formula, let location):
            self = .formula(formula.compiled(for: Execution.self), location)
        default:
            self = .general(expression)
        }
    }
}

extension Execution {
    /// Reads an operand with `evaluate`'s semantics (a direct read: a field of a record that is not
    /// there fails). The fast cases fall back to the general reader whenever they would differ
    /// from it: a field the record does not have, a record variable that is null.
    @inline(__always)
    func read(_ operand: LoweredOperand) throws(FlowRuntimeError) -> FlowValue {
        switch operand {
        case .value(let value):
            return value
        case .stored(let slot):
            return interview.values[slot]
        case .field(let slot, let key, let field):
            if case .record(let record) = interview.values[slot], let value = record.value(for: key, named: field) { return value }
            return try directField(of: slot, [field])
        case .formula(let program, let location):
            return try evaluate(program, at: location)
        case .general(let expression):
            return try evaluate(expression)
        }
    }
}
