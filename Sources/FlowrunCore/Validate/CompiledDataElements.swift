/// Compiled forms of the elements that sort, filter, delete, roll back, stop, transform and wait.

struct CompiledCollectionProcessor: Sendable {
    enum Operation: Sendable {
        case sort([CollectionProcessorElement.SortOption])
        case filterConditions([CompiledCondition], ConditionLogic)
        case filterFormula(Formula, location: SourceLocation)
        case map([FieldValue], objectType: String?)
    }

    var collection: BoundExpression
    var operation: Operation
    /// The variable conditions read as the current item (`assignNextValueToReference`).
    var currentItem: BoundTarget?
    var limit: Int?
    /// Sort works in place: the collection variable it sorts.
    var sortsInPlace: BoundTarget?
    /// A filter's own slot (`{!Filter_Name}`), which holds the result.
    var output: Int?
    var next: Int?
}

struct CompiledDelete: Sendable {
    var object: String?
    var filters: [CompiledFilter]
    var logic: ConditionLogic?
    var inputReference: BoundExpression?
    var next: Int?
    var faultNext: Int?
}

struct CompiledCustomError: Sendable {
    struct Message: Sendable {
        var text: MergeTemplate
        var field: String?
    }

    var messages: [Message]
    var next: Int?
}

struct CompiledTransform: Sendable {
    struct Action: Sendable {
        var field: String?
        var value: BoundExpression?
    }

    var type: StaticType
    var actions: [Action]
    var output: Int?
    var next: Int?
}

struct CompiledWait: Sendable {
    struct Event: Sendable {
        var name: String
        var eventType: String?
        var conditions: [CompiledCondition]
        var logic: ConditionLogic
        var inputs: [String: BoundExpression]
        var next: Int?
    }

    var events: [Event]
    var defaultNext: Int?
    var defaultLabel: String?
    var faultNext: Int?
}

extension CompiledElement.Kind {
    /// Successors of the kinds above (nil for the others).
    var dataElementSuccessors: [Int]? {
        switch self {
        case .collectionProcessor(let processor): [processor.next].compactMap { $0 }
        case .recordDelete(let delete): [delete.next, delete.faultNext].compactMap { $0 }
        case .recordRollback(let next): [next].compactMap { $0 }
        case .customError(let error): [error.next].compactMap { $0 }
        case .transform(let transform): [transform.next].compactMap { $0 }
        case .wait(let wait): wait.events.compactMap(\.next) + [wait.defaultNext, wait.faultNext].compactMap { $0 }
        default: nil
        }
    }
}
