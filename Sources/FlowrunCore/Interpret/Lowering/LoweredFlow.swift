/// The elements of a validated flow that never wait, lowered once for running (see `LoweredStep`):
/// each name already a slot, each value a `LoweredOperand`, an assignment's usual items (Assign,
/// Add and Subtract on a variable, Add and AddItem on a collection) and a decision's conditions ready to run without copying or
/// switching over the compiled element. Built with the validated flow and shared, like it, by
/// every interview of it.
///
/// Only the interpreter's fast path uses it: when an observer watches (traces, coverage, the
/// debugger view) elements run through the general code, which reports every value, so both
/// paths must give the same results; the operands fall back to the general reader in every case
/// they do not cover.
final class LoweredFlow: Sendable {
    /// Indexed like `ValidatedFlow.elements`. An element that waits (records, plug-ins, screens,
    /// subflows, …) has a `WaitingStep` here, which the interpreter never runs: the general
    /// `async` path runs it.
    let steps: [any LoweredStep]
    /// Whether each element waits: read before its step, as a plain `Bool`, so the interpreter
    /// does not retain a step to learn it is not one (`Execution.runLowered`).
    let waits: [Bool]

    init(resources: [Resource], elements: [CompiledElement]) {
        let lowered = elements.indices.map { index in Self.lower(elements[index], at: index, resources: resources) }
        steps = lowered.enumerated().map { index, step in step ?? WaitingStep(index: index) }
        waits = lowered.map { $0 == nil }
    }

    private static func lower(_ element: CompiledElement, at index: Int, resources: [Resource]) -> (any LoweredStep)? {
        switch element.kind {
        case .assignment(let items, let next):
            let lowered = items.indices.map { position in
                lower(items[position], at: position, resources: resources) ?? LoweredAssignmentItem(generalPosition: position)
            }
            return LoweredAssignmentStep(index: index, items: lowered, next: next)
        case .decision(let rules, let defaultNext, _):
            let lowered = rules.map { rule in
                LoweredRule(
                    conditions: rule.conditions.map { condition in
                        LoweredCondition(
                            left: LoweredOperand(condition.left, resources: resources), op: condition.op,
                            right: LoweredOperand(condition.right, resources: resources),
                            againstBlankText: condition.right?.isBlankTextValue ?? false)
                    },
                    // `.all(0)` asks for condition 1, which a rule without conditions lacks, so it never
                    // holds; only a rule with conditions drops its logic for the plain AND loop.
                    logic: !rule.conditions.isEmpty && rule.logic == .all(rule.conditions.count) ? nil : rule.logic,
                    next: rule.next, outcomeSlot: rule.outcomeSlot)
            }
            if lowered.count == 1, let rule = lowered.first, rule.logic == nil, rule.conditions.count == 1,
                let condition = rule.conditions.first
            {
                return LoweredTestStep(index: index, condition: condition, rule: rule, defaultNext: defaultNext)
            }
            return LoweredDecisionStep(index: index, rules: lowered, defaultNext: defaultNext)
        case .loop(let loop):
            return LoweredLoopStep(index: index, loop: loop)
        default:
            return nil
        }
    }

    /// An assignment item that Assign, Add or Subtract a value to a whole variable holding one
    /// value, or Add or AddItem to a collection variable; nil for the rest (record fields, the
    /// other collection operators).
    private static func lower(_ item: CompiledAssignment, at position: Int, resources: [Resource]) -> LoweredAssignmentItem? {
        guard item.target.fields.isEmpty else { return nil }
        switch (item.op, item.targetType.isCollection) {
        case (.assign, false), (.add, false), (.subtract, false), (.add, true), (.addItem, true): break
        default: return nil
        }
        switch resources[item.target.slot].kind {
        case .variable, .screenField, .elementOutput, .triggerRecord: break
        default: return nil
        }
        return LoweredAssignmentItem(
            slot: item.target.slot, op: item.op, value: LoweredOperand(item.value, resources: resources), type: item.targetType,
            position: position)
    }
}
