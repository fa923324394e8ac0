import Foundation

/// The record change that starts a record-triggered flow (or the event of a platform-event flow).
public struct TriggerEvent: Sendable {
    /// `$Record`: the record as it is being saved (or deleted), or the event message.
    public var record: FlowRecord
    /// `$Record__Prior`: the record before an update; nil when it is being created.
    public var prior: FlowRecord?

    public init(record: FlowRecord, prior: FlowRecord? = nil) {
        self.record = record
        self.prior = prior
    }
}

extension ValidatedFlow {
    /// The object a record-triggered or platform-event flow starts on; nil for other flows.
    public var triggerObject: String? { flow.start?.object }
    /// `RecordBeforeSave`, `RecordAfterSave`, `RecordBeforeDelete`, `Scheduled`, `PlatformEvent`, or nil.
    public var triggerType: String? { flow.start?.triggerType }
}

extension Interpreter {
    /// Runs a triggered flow for one record change, as Salesforce's save does:
    /// - `RecordAfterSave`: the record is saved into the store first (created, or updated when a
    ///   record with its Id exists) and the flow runs with the saved record (its Id filled in);
    /// - `RecordBeforeSave`: the flow runs first and changes `$Record` directly; the record as the
    ///   flow left it is then saved;
    /// - `RecordBeforeDelete`: the flow runs, then the record is deleted;
    /// - `PlatformEvent` (and others): the flow runs with the event as `$Record`.
    ///
    /// When the entry conditions do not hold nothing runs and `entryConditionsMet` is false.
    /// Scheduled paths do not run here; `triggerWithScheduledPaths` runs them too.
    /// - Throws: `FlowInputError` when the flow is not triggered, the record does not fit it, or an input is wrong.
    public func trigger(_ event: TriggerEvent, inputs: [String: FlowValue] = [:]) async throws(FlowInputError) -> Interview {
        try await runImmediatePath(event, inputs: inputs).interview
    }

    /// The immediate path of a triggered flow, and the record change as it was saved (with its Id).
    func runImmediatePath(
        _ event: TriggerEvent, inputs: [String: FlowValue]
    ) async throws(FlowInputError) -> (interview: Interview, event: TriggerEvent) {
        guard let object = flow.triggerObject, let trigger = flow.trigger else {
            throw FlowInputError("flow '\(flow.name)' is not triggered by records (its <start> names no <object>), so it takes no --record")
        }
        var event = event
        if let type = event.record.objectType, type.caseInsensitiveCompare(object) != .orderedSame {
            throw FlowInputError("flow '\(flow.name)' is triggered by \(object) records, not \(type)")
        }
        event.record.objectType = object
        event.prior?.objectType = object
        switch trigger.recordTriggerType {
        case "Update" where event.prior == nil:
            throw FlowInputError(
                "flow '\(flow.name)' runs when \(object) records are updated; give the record before the update as the prior record (--prior)"
            )
        case "Create" where event.prior != nil:
            throw FlowInputError(
                "flow '\(flow.name)' runs when \(object) records are created, which have no prior record; leave out --prior")
        default: break
        }
        // The record's own save and the flow run in one transaction, as in Salesforce: an
        // unhandled fault rolls back the flow's changes and the record's save together.
        do {
            return try await services.records.transaction { records in
                let outcome = try await immediatePath(event, object: object, trigger: trigger, inputs: inputs, records: records)
                if case .failed = outcome.interview.status { try await records.rollBack() }
                return outcome
            }
        } catch let error as FlowInputError {
            throw error
        } catch {
            return (
                Self.failedBeforeStart(flow, services, "the records could not be saved, so nothing this change did was kept: \(error)"),
                event
            )
        }
    }

    /// The immediate path inside its transaction: the save before or after the flow, and the flow.
    private func immediatePath(
        _ event: TriggerEvent, object: String, trigger: CompiledTrigger, inputs: [String: FlowValue],
        records: any RecordTransaction
    ) async throws(FlowInputError) -> (interview: Interview, event: TriggerEvent) {
        var event = event
        if flow.triggerType == "RecordAfterSave" {
            do {
                event.record = try await save(event.record, object: object, in: records)
            } catch {
                return (Self.failedBeforeStart(flow, services, "the \(object) record could not be saved: \(error)"), event)
            }
        }
        var execution = try triggeredExecution(
            record: event.record, prior: event.prior, startTime: services.clock.now(), inputs: inputs, records: records)
        do {
            try await execution.loadRelatedRecords()
            guard try execution.entryConditionsHold(trigger, prior: event.prior) else {
                execution.interview.entryConditionsMet = false
                execution.finish()
                return (execution.interview, event)
            }
        } catch {
            execution.fail(error)
            return (execution.interview, event)
        }
        execution.interview.position = .ready(flow.startIndex)
        await execution.run()
        guard case .finished = execution.interview.status else { return (execution.interview, event) }
        do {
            switch flow.triggerType {
            case "RecordBeforeSave":
                if let slot = trigger.recordSlot, case .record(let changed) = execution.interview.values[slot] {
                    execution.interview.values[slot] = .record(try await save(changed, object: object, in: records))
                }
            case "RecordBeforeDelete":
                if let id = event.record.id { try await records.delete(object: object, ids: [id]) }
            default: break
            }
        } catch {
            execution.fail(FlowRuntimeError(.other, "the \(object) record could not be saved: \(error)"))
        }
        return (execution.interview, event)
    }

    /// A new interview of this triggered flow, starting at `startTime`, with its inputs, `$Record`,
    /// `$Record__Prior` and `$Flow.CurrentRecord` set: the immediate path and each scheduled path
    /// begin this way.
    func triggeredExecution(
        record: FlowRecord, prior: FlowRecord?, startTime: Date, inputs: [String: FlowValue],
        records: (any RecordAccess)? = nil
    ) throws(FlowInputError) -> Execution {
        var execution = Execution(
            flow: flow, services: services, configuration: configuration,
            interview: Interview(
                id: Self.makeGuid(services.random), flowName: flow.name, startTime: startTime, resourceNames: flow.resources.map(\.name)),
            records: records)
        try execution.assignInputs(inputs)
        if let slot = flow.trigger?.recordSlot { execution.interview.values[slot] = .record(record) }
        if let slot = flow.trigger?.priorSlot { execution.interview.values[slot] = prior.map { .record($0) } ?? .null }
        execution.interview.currentRecord = record.id
        return execution
    }

    /// Creates the record, or updates it when the store has one with its Id; returns it with its Id.
    private func save(_ record: FlowRecord, object: String, in records: any RecordAccess) async throws -> FlowRecord {
        var record = record
        if let id = record.id {
            let existing = try await records.query(
                RecordQuery(object: object, filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))], fields: ["Id"]))
            if !existing.isEmpty {
                try await records.update(object: object, id: id, fields: record.fields.filter { $0.key.lowercased() != "id" })
                return record
            }
        }
        record["Id"] = .string(try await records.create(record))
        return record
    }

    static func failedBeforeStart(_ flow: ValidatedFlow, _ services: FlowServices, _ message: String) -> Interview {
        var interview = Interview(
            id: makeGuid(services.random), flowName: flow.name, startTime: services.clock.now(), resourceNames: flow.resources.map(\.name))
        interview.position = .done
        interview.status = .failed(FlowRuntimeError(.other, message))
        return interview
    }
}

extension Execution {
    /// Whether the entry conditions hold for `$Record`; with "only when a record is updated to
    /// meet the condition requirements", they must also not have held for `$Record__Prior`.
    mutating func entryConditionsHold(_ trigger: CompiledTrigger, prior: FlowRecord?) throws(FlowRuntimeError) -> Bool {
        guard let recordSlot = trigger.recordSlot else { return true }
        let record = interview.values[recordSlot].recordValue ?? FlowRecord()
        guard try conditionsHold(trigger, for: record, prior: prior) else { return false }
        guard trigger.requiresRecordChange, let prior else { return true }
        // The formula reads $Record, so it is pointed at the prior record for this one check.
        interview.values[recordSlot] = .record(prior)
        defer { interview.values[recordSlot] = .record(record) }
        return try !conditionsHold(trigger, for: prior, prior: nil)
    }

    private func conditionsHold(_ trigger: CompiledTrigger, for record: FlowRecord, prior: FlowRecord?) throws(FlowRuntimeError) -> Bool {
        if let formula = trigger.formula {
            return try evaluate(formula, at: trigger.formulaLocation).booleanValue ?? false
        }
        if trigger.filters.isEmpty { return true }
        return try trigger.logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
            guard number >= 1, number <= trigger.filters.count else { return false }
            let filter = trigger.filters[number - 1]
            let right = try evaluate(filter.value)
            switch filter.op {
            case .compare(let op):
                // A record field holds no empty text: blank is null, as the record is saved.
                return Self.compare(
                    record[filter.field].savedFieldValue, op, right, againstBlankText: filter.value?.isBlankTextValue ?? false)
            case .isChanged:
                let changed = prior.map { !FlowValue.looselyEqual($0[filter.field], record[filter.field], blankTextIsNull: true) } ?? false
                return changed == (right.booleanValue ?? true)
            }
        }
    }
}
