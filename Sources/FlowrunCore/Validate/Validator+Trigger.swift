/// A triggered flow's start, compiled: which changes start it and the entry conditions.
struct CompiledTrigger: Sendable {
    enum Operator: Sendable {
        case compare(ConditionOperator)
        /// The field's value differs between `$Record` and `$Record__Prior`.
        case isChanged
    }

    struct Filter: Sendable {
        var field: String
        var op: Operator
        var value: BoundExpression?
    }

    var triggerType: String?
    var recordTriggerType: String?
    var filters: [Filter]
    var logic: ConditionLogic
    var formula: Formula?
    var formulaLocation: SourceLocation?
    var requiresRecordChange: Bool
    var recordSlot: Int?
    var priorSlot: Int?
    var scheduledPaths: [CompiledScheduledPath] = []
}

extension ValidationRun {
    /// Record trigger types Salesforce has.
    static let recordTriggerTypes: Set<String> = ["Create", "Update", "CreateAndUpdate", "Delete"]

    /// Checks `<start>`'s trigger: the trigger types are known, the filter operators exist, values
    /// and the filter formula bind, and scheduled paths lead to elements.
    mutating func compileTrigger(_ start: StartNode) -> CompiledTrigger? {
        guard let spec = start.trigger else { return nil }
        if let type = spec.recordTriggerType, !Self.recordTriggerTypes.contains(type) {
            diagnostics.append(
                .error(
                    "validate.unknownTriggerType",
                    "'\(type)' is not a record trigger type; use Create, Update, CreateAndUpdate or Delete", at: start.location))
        }
        var filters: [CompiledTrigger.Filter] = []
        for filter in spec.filters {
            let value = bind(filter.value)
            if filter.op == "IsChanged" {
                filters.append(.init(field: filter.field, op: .isChanged, value: value))
            } else if let op = ConditionOperator(rawValue: filter.op) {
                filters.append(.init(field: filter.field, op: .compare(op), value: value))
            } else {
                let known = ConditionOperator.allCases.map(\.rawValue) + ["IsChanged"]
                let hint = Suggestion.closest(to: filter.op, in: known).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error("parse.unknownOperator", "'\(filter.op)' is not an entry condition operator\(hint)", at: filter.location))
            }
        }
        var formula: Formula?
        if let text = spec.filterFormula, let location = spec.filterFormulaLocation {
            formula = bindFormula(text, at: location, entryCondition: true)
        }
        var logicSpec = spec.filterLogic
        if logicSpec?.text.lowercased() == "formula" || logicSpec?.text.lowercased() == "no_conditions" { logicSpec = nil }
        let logic = logic(logicSpec, count: filters.count, owner: "the start's entry conditions", at: start.location)
        return CompiledTrigger(
            triggerType: start.triggerType, recordTriggerType: spec.recordTriggerType, filters: filters, logic: logic,
            formula: formula, formulaLocation: spec.filterFormulaLocation, requiresRecordChange: spec.requiresRecordChange,
            recordSlot: slotsByName["$record"], priorSlot: slotsByName["$record__prior"],
            scheduledPaths: compileScheduledPaths(spec.scheduledPaths, start: start))
    }
}
