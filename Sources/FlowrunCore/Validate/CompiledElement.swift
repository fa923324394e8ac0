/// An element ready to run: connectors are element indices, names are slots.
struct CompiledElement: Sendable {
    var name: String
    var label: String?
    var location: SourceLocation
    var kind: Kind

    enum Kind: Sendable {
        case assignment([CompiledAssignment], next: Int?)
        case decision([CompiledRule], defaultNext: Int?, defaultLabel: String?)
        case recordLookup(CompiledLookup)
        case recordCreate(CompiledCreate)
        case recordUpdate(CompiledUpdate)
        case pluginCall(CompiledPluginCall)
        case screen(CompiledScreen)
        case loop(CompiledLoop)
        case collectionProcessor(CompiledCollectionProcessor)
        case recordDelete(CompiledDelete)
        case recordRollback(next: Int?)
        case customError(CompiledCustomError)
        case transform(CompiledTransform)
        case wait(CompiledWait)
        case subflow(CompiledSubflow)
    }

    /// Every element index this one can go to, for reachability.
    var successors: [Int] {
        switch kind {
        case .assignment(_, let next): [next].compactMap { $0 }
        case .decision(let rules, let defaultNext, _): rules.compactMap(\.next) + [defaultNext].compactMap { $0 }
        case .recordLookup(let lookup): [lookup.next, lookup.faultNext].compactMap { $0 }
        case .recordCreate(let create): [create.next, create.faultNext].compactMap { $0 }
        case .recordUpdate(let update): [update.next, update.faultNext].compactMap { $0 }
        case .pluginCall(let call): [call.next, call.faultNext].compactMap { $0 }
        case .screen(let screen): [screen.next].compactMap { $0 }
        case .loop(let loop): [loop.next, loop.done].compactMap { $0 }
        case .collectionProcessor, .recordDelete, .recordRollback, .customError, .transform, .wait:
            kind.dataElementSuccessors ?? []
        case .subflow(let call): [call.next, call.faultNext].compactMap { $0 }
        }
    }
}

struct CompiledAssignment: Sendable {
    var target: BoundTarget
    var targetType: StaticType
    var op: AssignmentOperator
    var value: BoundExpression?
    var location: SourceLocation
}

struct CompiledCondition: Sendable {
    var left: BoundExpression
    var op: ConditionOperator
    var right: BoundExpression?
    var location: SourceLocation
}

struct CompiledRule: Sendable {
    var name: String
    var label: String?
    var logic: ConditionLogic
    var conditions: [CompiledCondition]
    var next: Int?
    /// The outcome's own Boolean resource (`{!Outcome_Name}`: whether it was taken).
    var outcomeSlot: Int? = nil
}

struct CompiledFilter: Sendable {
    var field: String
    var op: FilterOperator
    var value: BoundExpression?
}

struct CompiledLookup: Sendable {
    var object: String
    var filters: [CompiledFilter]
    var logic: ConditionLogic?
    var firstOnly: Bool
    var fields: [String]?
    var sort: RecordSort?
    var limit: Int?
    /// The element's own slot when it stores its output automatically.
    var autoOutput: Int?
    var outputReference: BoundTarget?
    var outputReferenceIsCollection: Bool
    var outputAssignments: [FieldOutput]
    var assignNullsIfNone: Bool
    var next: Int?
    var faultNext: Int?
}

struct CompiledCreate: Sendable {
    var object: String?
    var fields: [FieldValue]
    var inputReference: BoundExpression?
    var assignIdTo: BoundTarget?
    var autoOutput: Int?
    var next: Int?
    var faultNext: Int?
}

struct CompiledUpdate: Sendable {
    var object: String?
    var filters: [CompiledFilter]
    var logic: ConditionLogic?
    var fields: [FieldValue]
    var inputReference: BoundExpression?
    var next: Int?
    var faultNext: Int?
}

struct CompiledPluginCall: Sendable {
    var pluginName: String
    var plugin: any FlowPlugin
    var description: PluginDescription
    var inputs: [PluginInputBinding]
    var outputs: [PluginOutputBinding]
    var autoOutput: Int?
    var next: Int?
    var faultNext: Int?
}

struct CompiledScreen: Sendable {
    struct Field: Sendable {
        var declaration: ScreenField
        var slot: Int?
        var text: MergeTemplate?
        var defaultValue: BoundExpression?
        var validation: ValidationCheck?
        var choices: [Int]
        var choiceSets: [CompiledChoiceSet] = []
        /// Shown only while this holds (nil: always).
        var visibility: CompiledVisibility?
        var componentInputs: [ComponentInput] = []
        var componentOutputs: [ComponentOutput] = []
        /// An ObjectProvided field: the record field it edits.
        var recordField: BoundTarget?
    }

    var label: String?
    /// The label with `{!merge}` fields (`Hello {!Name}`), filled in each time the screen is shown;
    /// nil when it has none.
    var labelTemplate: MergeTemplate? = nil
    var fields: [Field]
    var allowBack: Bool
    var allowFinish: Bool
    var allowPause: Bool
    var next: Int?
    var actions: [CompiledScreenAction] = []
    var triggers: [CompiledScreenTrigger] = []
}

struct CompiledLoop: Sendable {
    /// The loop's number among the flow's loops: where an interview keeps its cursor.
    var cursor: Int
    var collection: BoundExpression
    var item: BoundTarget?
    /// The loop's own slot, which holds the current item (`{!Loop_Name}`).
    var currentItem: Int?
    var descending: Bool
    var next: Int?
    var done: Int?
}

extension CompiledElement {
    /// The XML tag the element was written as, for traces.
    var kindName: String {
        switch kind {
        case .assignment: "assignments"
        case .decision: "decisions"
        case .recordLookup: "recordLookups"
        case .recordCreate: "recordCreates"
        case .recordUpdate: "recordUpdates"
        case .pluginCall: "apexPluginCalls"
        case .screen: "screens"
        case .loop: "loops"
        case .collectionProcessor: "collectionProcessors"
        case .recordDelete: "recordDeletes"
        case .recordRollback: "recordRollbacks"
        case .customError: "customErrors"
        case .transform: "transforms"
        case .wait: "waits"
        case .subflow: "subflows"
        }
    }
}

// Named structs rather than tuples, so each piece says what it is.

/// A record field stored into a resource (`outputAssignments`).
struct FieldOutput: Sendable {
    var field: String
    var target: BoundTarget
    var type: StaticType
}

/// A record field set from a value (`inputAssignments`).
struct FieldValue: Sendable {
    var field: String
    var value: BoundExpression?
}

/// A plug-in input and the value a call gives it.
struct PluginInputBinding: Sendable {
    var parameter: PluginParameter
    var value: BoundExpression?
}

/// A plug-in output and the resource it is stored in.
struct PluginOutputBinding: Sendable {
    var parameter: PluginParameter
    var target: BoundTarget
    var type: StaticType
}

/// A screen field's validation rule, compiled.
struct ValidationCheck: Sendable {
    var formula: Formula
    var location: SourceLocation
    var message: String
}

extension CompiledElement {
    /// True for the elements that never wait for anything (no records, plug-ins, subflows or
    /// people), which the interpreter runs in a plain loop without an `await`.
    var runsSynchronously: Bool {
        switch kind {
        case .assignment, .decision, .loop: true
        default: false
        }
    }
}
