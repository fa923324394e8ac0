/// What starts a triggered flow, from `<start>`: a record change (`RecordBeforeSave`,
/// `RecordAfterSave`, `RecordBeforeDelete`), a schedule (`Scheduled`) or a platform event
/// (`PlatformEvent`), with the entry conditions and scheduled paths.
public struct TriggerSpec: Sendable {
    /// `Create`, `Update`, `CreateAndUpdate` or `Delete`.
    public var recordTriggerType: String?
    /// Entry conditions on `$Record` fields.
    public var filters: [StartFilter] = []
    /// `and`, `or`, custom logic such as `1 AND (2 OR 3)`, or `formula` (then `filterFormula`).
    public var filterLogic: ConditionLogicSpec?
    public var filterFormula: String?
    public var filterFormulaLocation: SourceLocation?
    /// Run only when an update makes the conditions true (they did not hold for `$Record__Prior`).
    public var requiresRecordChange = false
    public var scheduledPaths: [ScheduledPath] = []
    /// For schedule-triggered flows: `frequency` (`Once`, `Daily`, `Weekly`), `startDate`, `startTime`.
    public var schedule: [String: String] = [:]

    public init() {}
}

/// One entry condition of `<start>`: `$Record.field operator value`. Besides the decision
/// operators, start filters can use `IsChanged`.
public struct StartFilter: Sendable {
    public var field: String
    public var op: String
    public var value: Expression?
    public var location: SourceLocation
}

/// A `<scheduledPaths>` entry: run part of the flow some time after the trigger (or, with
/// `pathType` `AsyncAfterCommit`, right after the transaction).
public struct ScheduledPath: Sendable {
    public var name: String?
    public var label: String?
    public var connector: Connector?
    public var offsetNumber: Int?
    public var offsetUnit: String?
    public var timeSource: String?
    public var recordField: String?
    public var pathType: String?
    public var location: SourceLocation
}
