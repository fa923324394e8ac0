/// Compiled pieces of screen fields beyond plain inputs: visibility rules, components and
/// dynamic choice sets.

struct CompiledVisibility: Sendable {
    var conditions: [CompiledCondition]
    var logic: ConditionLogic
}

/// A value a screen component is given (`inputParameters`).
struct ComponentInput: Sendable {
    var name: String
    var value: BoundExpression?
}

/// A value a screen component answers: stored in `target`, or (nil) in the component's own record.
struct ComponentOutput: Sendable {
    var name: String
    var target: BoundTarget?
    var type: StaticType
}

/// A dynamic choice set, ready to query when its screen is shown.
struct CompiledChoiceSet: Sendable {
    var name: String
    var slot: Int?
    var dataType: FlowDataType
    var source: DynamicChoiceSetDecl.Source
    var filters: [CompiledFilter]
    var logic: ConditionLogic?
    var sort: RecordSort?
    var limit: Int?
    var outputs: [FieldOutput]
}
