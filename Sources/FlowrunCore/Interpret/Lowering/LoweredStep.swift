/// An element that never waits (an assignment, a decision, a loop step), lowered for running.
///
/// Steps, and the items and conditions inside them, are objects whose properties are all `let`:
/// running one reads them in place and copies nothing out of the validated flow. The interpreter
/// holds the step array while it runs, and a step its items, so those are reached without
/// retaining them (`unowned(unsafe)`, through the arrays' buffers): a retain and a release per
/// step and item (atomic operations) were a tenth of a counted loop's time. (A decision's rules
/// are read the plain way: through a buffer closure, `holds(in:)` copied the whole execution.) Running a
/// `CompiledElement` copied the enum and its payload (an assignment's item array, each item's
/// target, type and value), retaining and releasing every part: a third of a counted loop's
/// time. Each kind has its own `run`, so dispatch is one indirect call.
protocol LoweredStep: AnyObject, Sendable {
    /// The element's index in `ValidatedFlow.elements`, for errors (its name and location).
    var index: Int { get }
    /// Runs the element and returns the index of the next one (nil: the end of the flow).
    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int?
}

/// An assignment: its items in order.
///
/// The items sit in memory the step allocates and frees itself, which no one else can change: a
/// `let` array was retained and released around every run (about a tenth of a counted loop's
/// time), while this buffer is two plain words. Hence `@unchecked Sendable`: the buffer is
/// written once, in `init`.
final class LoweredAssignmentStep: LoweredStep, @unchecked Sendable {
    let index: Int
    private let items: UnsafeMutableBufferPointer<LoweredAssignmentItem>
    let next: Int?

    init(index: Int, items: [LoweredAssignmentItem], next: Int?) {
        self.index = index
        self.items = .allocate(capacity: items.count)
        _ = self.items.initialize(from: items)
        self.next = next
    }

    deinit {
        items.deinitialize()
        items.deallocate()
    }

    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int? {
        for position in items.indices {
            // Not retained: this step holds it for as long as it runs (see `LoweredStep`).
            unowned(unsafe) let item = items[position]
            try item.run(&execution, element: index)
        }
        return next
    }
}

/// One item of an assignment: Assign, Add or Subtract on a whole variable that is not a
/// collection (the usual item) or on one field of a record variable, or Add or AddItem on a
/// collection variable, lowered; anything else (a longer field path, the other operators) is left
/// to the general `Execution.assign`, by its position in the element.
///
/// The lowered item's parts are stored properties rather than an enum's payload, which `run`
/// would copy (retaining the operand and the type) each time it switched over it.
final class LoweredAssignmentItem: Sendable {
    /// The item's position in the compiled element, for the general `assign`.
    let position: Int
    /// The general `assign` runs the item: the lowering does not cover it.
    let general: Bool
    /// Add or AddItem on a collection variable: appended in place, or, when the variable holds
    /// something else, left to the general `assign`.
    let appends: Bool
    /// The record field assigned, when the target is one (`Opp.StageName`).
    let field: LoweredFieldTarget?
    let slot: Int
    let op: AssignmentOperator
    let value: LoweredOperand
    let type: StaticType
    /// The target is a Number or Currency variable: a number result is stored after rounding to
    /// its scale, which is all that `Execution.coerce` does to it.
    let numeric: Bool
    /// The target's scale, and whether `SmallDecimal` may read numbers' storage: both read once
    /// here rather than on every run.
    let scale: Int?
    let fastNumbers: Bool

    init(slot: Int, op: AssignmentOperator, value: LoweredOperand, type: StaticType, position: Int, field: LoweredFieldTarget?) {
        self.position = position
        self.general = false
        self.appends = type.isCollection && field == nil
        self.field = field
        self.slot = slot
        self.op = op
        self.value = value
        self.type = type
        self.numeric = type.dataType == .number || type.dataType == .currency
        self.scale = type.scale
        self.fastNumbers = SmallDecimal.layoutIsKnown
    }

    init(generalPosition: Int) {
        self.position = generalPosition
        self.general = true
        self.appends = false
        self.field = nil
        self.slot = 0
        self.op = .assign
        self.value = .value(.null)
        self.type = .unknown
        self.numeric = false
        self.scale = nil
        self.fastNumbers = false
    }

    func run(_ execution: inout Execution, element index: Int) throws(FlowRuntimeError) {
        if general {
            try execution.assignGeneral(position, element: index)
        } else {
            try execution.assign(self, element: index)
        }
    }
}

/// One field of a record variable as an assignment's target, its name resolved to a key.
final class LoweredFieldTarget: Sendable {
    let key: FieldKey
    let name: String
    /// The field read as Add and Subtract read their target: directly, so that a null record fails.
    let current: LoweredOperand
    /// The object of a record made for the field when the variable holds none.
    let objectType: String?
    /// `Variable.Field`, for messages.
    let targetName: String

    init(slot: Int, name: String, objectType: String?, targetName: String) {
        self.key = FieldKey(name)
        self.name = name
        self.current = .field(slot, key, name)
        self.objectType = objectType
        self.targetName = targetName
    }
}

/// A decision: its outcomes, tried in order, then the default.
final class LoweredDecisionStep: LoweredStep {
    let index: Int
    let rules: [LoweredRule]
    let defaultNext: Int?
    /// Whether any outcome has its own Boolean resource to set.
    let setsOutcomes: Bool

    init(index: Int, rules: [LoweredRule], defaultNext: Int?) {
        self.index = index
        self.rules = rules
        self.defaultNext = defaultNext
        self.setsOutcomes = rules.contains { $0.outcomeSlot != nil }
    }

    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int? {
        var taken: Int?
        for rule in rules.indices where try rules[rule].holds(in: execution, element: index) {
            taken = rule
            break
        }
        if setsOutcomes {
            for rule in rules.indices {
                if let slot = rules[rule].outcomeSlot { execution.interview.values[slot] = .boolean(rule == taken) }
            }
        }
        guard let taken else { return defaultNext }
        return rules[taken].next
    }
}

/// A decision of one outcome with one condition (`I < N`, the shape of most loops' tests), its
/// parts held by the step itself: no rule or condition objects to reach through arrays.
final class LoweredTestStep: LoweredStep {
    let index: Int
    let left: LoweredOperand
    let op: ConditionOperator
    let right: LoweredOperand
    let againstBlankText: Bool
    let next: Int?
    let defaultNext: Int?
    let outcomeSlot: Int?

    init(index: Int, condition: LoweredCondition, rule: LoweredRule, defaultNext: Int?) {
        self.index = index
        self.left = condition.left
        self.op = condition.op
        self.right = condition.right
        self.againstBlankText = condition.againstBlankText
        self.next = rule.next
        self.defaultNext = defaultNext
        self.outcomeSlot = rule.outcomeSlot
    }

    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int? {
        let held: Bool
        do {
            held = Execution.compare(try execution.read(left), op, try execution.read(right), againstBlankText: againstBlankText)
        } catch {
            throw execution.placed(error, atElement: index)
        }
        if let outcomeSlot { execution.interview.values[outcomeSlot] = .boolean(held) }
        return held ? next : defaultNext
    }
}

/// One outcome of a decision.
final class LoweredRule: Sendable {
    let conditions: [LoweredCondition]
    /// nil when every condition must hold (AND, the usual logic), so no logic tree is walked.
    let logic: ConditionLogic?
    let next: Int?
    /// The outcome's own Boolean resource (`{!Outcome_Name}`: whether it was taken).
    let outcomeSlot: Int?

    init(conditions: [LoweredCondition], logic: ConditionLogic?, next: Int?, outcomeSlot: Int?) {
        self.conditions = conditions
        self.logic = logic
        self.next = next
        self.outcomeSlot = outcomeSlot
    }

    /// Whether the outcome's conditions hold, as `Execution.decide` judges them.
    func holds(in execution: Execution, element index: Int) throws(FlowRuntimeError) -> Bool {
        do {
            guard let logic else {
                for condition in conditions.indices where try !conditions[condition].holds(in: execution) { return false }
                return true
            }
            return try logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
                guard number >= 1, number <= conditions.count else { return false }
                return try conditions[number - 1].holds(in: execution)
            }
        } catch {
            throw execution.placed(error, atElement: index)
        }
    }
}

/// One condition of an outcome.
final class LoweredCondition: Sendable {
    let left: LoweredOperand
    let op: ConditionOperator
    let right: LoweredOperand
    /// The right side is a blank text value (see `Execution.compare`).
    let againstBlankText: Bool

    init(left: LoweredOperand, op: ConditionOperator, right: LoweredOperand, againstBlankText: Bool) {
        self.left = left
        self.op = op
        self.right = right
        self.againstBlankText = againstBlankText
    }

    @inline(__always)
    func holds(in execution: Execution) throws(FlowRuntimeError) -> Bool {
        Execution.compare(try execution.read(left), op, try execution.read(right), againstBlankText: againstBlankText)
    }
}

/// The place of an element that waits, which the general `async` path runs instead.
final class WaitingStep: LoweredStep {
    let index: Int

    init(index: Int) {
        self.index = index
    }

    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int? {
        throw FlowRuntimeError(.other, "internal error: an element that waits was run as a step")
    }
}

/// A loop step: the next item into the loop variable, or the loop's end.
final class LoweredLoopStep: LoweredStep {
    let index: Int
    let loop: CompiledLoop

    init(index: Int, loop: CompiledLoop) {
        self.index = index
        self.loop = loop
    }

    func run(_ execution: inout Execution) throws(FlowRuntimeError) -> Int? {
        try execution.step(loop, at: index)
    }
}
