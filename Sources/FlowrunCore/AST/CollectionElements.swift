/// `<collectionProcessors>`: sort or filter a collection into a new one, stored under the
/// element's name (`{!Sort_Contacts}`), as Salesforce's Collection Sort and Collection Filter do.
public struct CollectionProcessorElement: Sendable {
    public enum Kind: Sendable, Hashable {
        case sort
        case filter
        /// Einstein Next Best Action's map: each item becomes a record of `outputObjectType`.
        case map
        /// A processor type flowrun does not know (kept so `check` can name it).
        case other(String)
    }

    /// One `<sortOptions>` entry: a field of the items (or nil for the items themselves).
    public struct SortOption: Sendable {
        public var field: String?
        public var ascending: Bool
        /// `doesPutEmptyStringAndNullFirst`.
        public var nullsFirst: Bool
    }

    public var kind: Kind
    public var collection: ReferencePath
    public var collectionLocation: SourceLocation
    /// `assignNextValueToReference`: the variable the filter's conditions read as the current item.
    public var currentItem: ReferencePath?
    public var conditions: [Condition]
    public var logic: ConditionLogicSpec?
    /// `<formula>`: a filter written as a formula over `{!currentItem…}`.
    public var formula: String?
    public var formulaLocation: SourceLocation?
    public var sortOptions: [SortOption]
    /// A map's `<mapItems>`: a field of the new record and its value (read per item).
    public var mapItems: [FieldAssignment]
    public var outputObjectType: String?
    public var limit: Int?
    public var connector: Connector?
}

/// `<recordDeletes>`: Delete Records, by filters or the records held in a variable.
public struct RecordDeleteElement: Sendable {
    public var object: String?
    public var filters: [RecordFilterSpec]
    public var filterLogic: ConditionLogicSpec?
    public var inputReference: ReferencePath?
    public var connector: Connector?
    public var faultConnector: Connector?
}

/// `<recordRollbacks>`: undo every record change of the current transaction.
public struct RecordRollbackElement: Sendable {
    public var connector: Connector?
}

/// `<customErrors>`: stop with a message (shown on the record page in Salesforce).
public struct CustomErrorElement: Sendable {
    public struct Message: Sendable {
        public var text: String
        public var textLocation: SourceLocation
        /// The field the error is shown beside, when `isFieldError`.
        public var field: String?
    }

    public var messages: [Message]
    public var connector: Connector?
}

/// `<transforms>`: build a value (usually a record or a collection of records) from others.
public struct TransformElement: Sendable {
    /// One `<transformValueActions>`: set `field` of the output (or the whole output) to `value`.
    public struct Action: Sendable {
        public var field: String?
        public var value: Expression?
        public var location: SourceLocation
    }

    public var dataType: FlowDataType
    public var isCollection: Bool
    public var objectType: String?
    public var actions: [Action]
    public var storeOutputAutomatically: Bool
    public var connector: Connector?
}
