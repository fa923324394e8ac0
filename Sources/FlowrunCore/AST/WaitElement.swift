/// `<waits>`: pause the interview until one of its events happens.
///
/// flowrun resumes a wait at once, in virtual time (see README, "Waits"): the event whose
/// conditions hold and whose time comes first is taken, and the interview's clock moves to that
/// time; the default path is taken when no event can fire.
public struct WaitElement: Sendable {
    public struct Event: Sendable {
        public var name: String
        public var label: String?
        /// `AlarmEvent`, `DateRefAlarmEvent`, or a platform event's API name.
        public var eventType: String?
        public var conditions: [Condition]
        public var logic: ConditionLogicSpec?
        public var inputs: [InputBinding]
        public var outputs: [OutputBinding]
        public var connector: Connector?
        public var location: SourceLocation
    }

    public var events: [Event]
    public var defaultConnector: Connector?
    public var defaultLabel: String?
    public var faultConnector: Connector?
}

/// `<stages>`: a named step of a screen flow's progress indicator (`$Flow.CurrentStage`).
public struct StageDecl: Sendable {
    public var name: String
    public var label: String
    public var order: Int
    public var isActive: Bool
    public var location: SourceLocation
}

/// `<dynamicChoiceSets>`: choices built when a screen is shown, from records or a picklist field.
public struct DynamicChoiceSetDecl: Sendable {
    public enum Source: Sendable {
        /// Record choice set: a query of `object`, each record a choice.
        case records(object: String, displayField: String?, valueField: String?)
        /// Picklist choice set: the values of `object.field`.
        case picklist(object: String, field: String)
    }

    public var name: String
    public var dataType: FlowDataType
    public var source: Source
    public var filters: [RecordFilterSpec]
    public var filterLogic: ConditionLogicSpec?
    public var sortField: String?
    public var sortAscending: Bool
    public var limit: Int?
    /// Fields of the chosen record stored into resources (`outputAssignments`).
    public var outputAssignments: [FieldAssignment]
    public var location: SourceLocation
}
