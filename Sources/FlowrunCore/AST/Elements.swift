/// `<assignments>`: set, add to or subtract from resources, in order.
public struct AssignmentElement: Sendable {
    public struct Item: Sendable {
        public var target: ReferencePath
        public var targetLocation: SourceLocation
        public var op: AssignmentOperator
        public var value: Expression?
        public var location: SourceLocation
    }

    public var items: [Item]
    public var connector: Connector?
}

/// The operators an assignment item can use.
public enum AssignmentOperator: String, Sendable, CaseIterable {
    case assign = "Assign"
    case add = "Add"
    case subtract = "Subtract"
    case addItem = "AddItem"
    case addAtStart = "AddAtStart"
    case assignCount = "AssignCount"
    case removeAll = "RemoveAll"
    case removeFirst = "RemoveFirst"
    case removeBeforeFirst = "RemoveBeforeFirst"
    case removeAfterFirst = "RemoveAfterFirst"
    case removeUncommon = "RemoveUncommon"
    case removePosition = "RemovePosition"
}

/// A comparison in a decision rule or a record filter.
public enum ConditionOperator: String, Sendable, CaseIterable {
    case equalTo = "EqualTo"
    case notEqualTo = "NotEqualTo"
    case greaterThan = "GreaterThan"
    case lessThan = "LessThan"
    case greaterThanOrEqualTo = "GreaterThanOrEqualTo"
    case lessThanOrEqualTo = "LessThanOrEqualTo"
    case contains = "Contains"
    case startsWith = "StartsWith"
    case endsWith = "EndsWith"
    case isNull = "IsNull"
    case isBlank = "IsBlank"
    case isEmpty = "IsEmpty"
    case wasSet = "WasSet"
    case `in` = "In"
    case notIn = "NotIn"
}

/// One `<conditions>` entry: `left operator right`.
public struct Condition: Sendable {
    public var left: ReferencePath
    public var leftLocation: SourceLocation
    public var op: ConditionOperator
    public var right: Expression?
    public var location: SourceLocation
}

/// How conditions combine as written: `and`, `or`, or custom logic text such as `1 AND (2 OR 3)`.
public struct ConditionLogicSpec: Sendable {
    public var text: String
    public var location: SourceLocation
}

/// `<decisions>`: the first rule whose conditions hold picks the path; otherwise the default.
public struct DecisionElement: Sendable {
    public struct Rule: Sendable {
        public var name: String
        public var label: String?
        public var logic: ConditionLogicSpec?
        public var conditions: [Condition]
        public var connector: Connector?
        public var location: SourceLocation
    }

    public var rules: [Rule]
    public var defaultConnector: Connector?
    public var defaultLabel: String?
}

/// A `<filters>` entry of a record element.
public struct RecordFilterSpec: Sendable {
    public var field: String
    public var op: ConditionOperator
    public var value: Expression?
    public var location: SourceLocation
    /// Where the field's name is written (`<field>`'s text), for diagnostics about the field.
    public var fieldLocation: SourceLocation? = nil
}

/// An `<outputAssignments>` / `<inputAssignments>` entry: a record field and a resource.
public struct FieldAssignment: Sendable {
    public var field: String
    /// For outputs: the resource to assign to.
    public var reference: ReferencePath?
    /// For inputs: the value to set.
    public var value: Expression?
    public var location: SourceLocation
    /// Where the field's name is written (`<field>`'s text), for diagnostics about the field.
    public var fieldLocation: SourceLocation? = nil
}

/// `<recordLookups>`: Get Records.
public struct RecordLookupElement: Sendable {
    public var object: String
    public var objectLocation: SourceLocation
    public var filters: [RecordFilterSpec]
    public var filterLogic: ConditionLogicSpec?
    public var getFirstRecordOnly: Bool
    public var queriedFields: [String]
    public var storeOutputAutomatically: Bool
    public var outputReference: ReferencePath?
    public var outputReferenceLocation: SourceLocation?
    public var outputAssignments: [FieldAssignment]
    public var assignNullValuesIfNoRecordsFound: Bool
    public var sortField: String?
    public var sortAscending: Bool
    public var limit: Int?
    public var connector: Connector?
    public var faultConnector: Connector?
}

/// `<recordCreates>`: Create Records, from field values or from a record variable.
public struct RecordCreateElement: Sendable {
    public var object: String?
    public var inputAssignments: [FieldAssignment]
    public var inputReference: ReferencePath?
    public var assignRecordIdTo: ReferencePath?
    public var storeOutputAutomatically: Bool
    public var connector: Connector?
    public var faultConnector: Connector?
}

/// `<recordUpdates>`: Update Records, by filters or from a record variable.
public struct RecordUpdateElement: Sendable {
    public var object: String?
    public var filters: [RecordFilterSpec]
    public var filterLogic: ConditionLogicSpec?
    public var inputAssignments: [FieldAssignment]
    public var inputReference: ReferencePath?
    public var connector: Connector?
    public var faultConnector: Connector?
}

/// `<apexPluginCalls>` (and, through the same registry, `<actionCalls>`).
public struct PluginCallElement: Sendable {
    public typealias Input = InputBinding
    public typealias Output = OutputBinding

    /// `<apexClass>` or `<actionName>`.
    public var pluginName: String
    public var pluginNameLocation: SourceLocation
    public var isActionCall: Bool
    public var actionType: String?
    public var inputs: [Input]
    public var outputs: [Output]
    public var storeOutputAutomatically: Bool
    public var connector: Connector?
    public var faultConnector: Connector?
}

/// `<loops>`: visit each item of a collection.
public struct LoopElement: Sendable {
    public var collection: ReferencePath
    public var collectionLocation: SourceLocation
    public var itemVariable: ReferencePath?
    public var descending: Bool
    public var nextConnector: Connector?
    public var doneConnector: Connector?
}
