import Foundation

extension Execution {
    /// Runs a collection processor, Delete Records, Roll Back Records, Custom Error, Transform or Wait.
    mutating func executeDataElement(_ element: CompiledElement) async throws(FlowRuntimeError) -> Int? {
        switch element.kind {
        case .collectionProcessor(let processor):
            do {
                try process(processor, in: element)
            } catch {
                throw Self.placed(error, in: element)
            }
            return processor.next
        case .recordDelete(let delete):
            return try await withFaultPath(delete.next, fault: delete.faultNext, element) { (execution: inout Execution) async throws in
                try await execution.delete(delete, in: element)
            }
        case .recordRollback(let next):
            try await rollBack(element)
            return next
        case .customError(let error):
            var messages: [String] = []
            for message in error.messages {
                let text = try located(element) { () throws(FlowRuntimeError) in try render(message.text) }
                messages.append(message.field.map { "\($0): \(text)" } ?? text)
            }
            // Salesforce rolls back the transaction and shows the message; the interview ends there.
            try await rollBack(element)
            throw FlowRuntimeError(
                .customError, messages.joined(separator: "\n"), elementName: element.name, location: element.location)
        case .transform(let transform):
            let value = try located(element) { () throws(FlowRuntimeError) in try self.transform(transform) }
            if let slot = transform.output { write(value, to: BoundTarget(slot: slot, fields: [])) }
            return transform.next
        case .wait(let wait):
            let next: Int?
            do {
                next = try self.wait(wait, in: element)
            } catch {
                throw Self.placed(error, in: element)
            }
            // A wait ends the transaction: what ran before it is committed.
            do {
                try await outsideTransaction {}
            } catch {
                throw FlowRuntimeError(
                    .other, "the records could not be saved at the wait: \(error)", elementName: element.name, location: element.location)
            }
            return next
        default:
            return nil
        }
    }

    // MARK: - Collection Sort and Collection Filter

    private mutating func process(_ processor: CompiledCollectionProcessor, in element: CompiledElement) throws(FlowRuntimeError) {
        let items = try evaluate(processor.collection).collectionValue ?? []
        var result: [FlowValue]
        switch processor.operation {
        case .sort(let options):
            result = Self.sorted(items, by: options)
        case .filterConditions(let conditions, let logic):
            result = []
            for item in items {
                if let target = processor.currentItem { write(item, to: target) }
                var kept = true
                if !conditions.isEmpty {
                    kept = try logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
                        guard number >= 1, number <= conditions.count else { return false }
                        return try holds(conditions[number - 1])
                    }
                }
                if kept { result.append(item) }
            }
        case .filterFormula(let formula, let location):
            result = []
            for item in items {
                if let target = processor.currentItem { write(item, to: target) }
                if try evaluate(formula, at: location).booleanValue == true { result.append(item) }
            }
        case .map(let fields, let objectType):
            result = []
            for item in items {
                if let target = processor.currentItem { write(item, to: target) }
                var record = FlowRecord(objectType: objectType)
                for field in fields { record[field.field] = try evaluate(field.value) }
                result.append(.record(record))
            }
        }
        if let limit = processor.limit { result = Array(result.prefix(max(limit, 0))) }
        if let target = processor.sortsInPlace { write(.collection(result), to: target) }
        if let slot = processor.output { write(.collection(result), to: BoundTarget(slot: slot, fields: [])) }
        report(.assignment(element: element.name, target: element.name, old: "\(items.count) items", new: "\(result.count) items"))
    }

    /// Salesforce's Collection Sort: by each option in turn (a field of records, or the items
    /// themselves); nulls and empty text last unless `doesPutEmptyStringAndNullFirst`; stable.
    static func sorted(_ items: [FlowValue], by options: [CollectionProcessorElement.SortOption]) -> [FlowValue] {
        let options =
            options.isEmpty ? [CollectionProcessorElement.SortOption(field: nil, ascending: true, nullsFirst: false)] : options
        return items.enumerated().sorted { lhs, rhs in
            for option in options {
                let a = option.field.map { field(of: lhs.element, [$0]) } ?? lhs.element
                let b = option.field.map { field(of: rhs.element, [$0]) } ?? rhs.element
                let aEmpty = a.isNull || a.stringValue == ""
                let bEmpty = b.isNull || b.stringValue == ""
                if aEmpty != bEmpty { return aEmpty == option.nullsFirst }
                if aEmpty { continue }
                guard let order = FlowValue.order(a, b, caseSensitive: false), order != .orderedSame else { continue }
                return (order == .orderedAscending) == option.ascending
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    // MARK: - Delete Records and Roll Back Records

    private mutating func delete(_ delete: CompiledDelete, in element: CompiledElement) async throws {
        if let input = delete.inputReference {
            let value = try evaluate(input)
            var byObject: [String: [FlowRecord]] = [:]
            for item in value.collectionValue ?? [value] {
                switch item {
                case .record(let record):
                    guard let id = record.id else { throw FlowRuntimeError(.typeError, "Delete Records needs records that have an Id") }
                    guard let object = record.objectType ?? delete.object ?? objectType(of: input) else {
                        throw FlowRuntimeError(.typeError, "Delete Records cannot tell which object record \(id) is")
                    }
                    byObject[object, default: []].append(record)
                case .string(let id):
                    guard let object = delete.object else {
                        throw FlowRuntimeError(.typeError, "Delete Records cannot tell which object record \(id) is")
                    }
                    byObject[object, default: []].append(FlowRecord(objectType: object, fields: ["Id": .string(id)]))
                case .null: continue
                default: throw FlowRuntimeError(.typeError, "Delete Records needs records or Ids, got a \(item.kindName)")
                }
            }
            for (object, records) in byObject.sorted(by: { $0.key < $1.key }) {
                try await deleteRecords(records.compactMap(\.id), object: object, in: element)
            }
            return
        }
        guard let object = delete.object else { return }
        // Deleting by conditions is a query and then a DML statement, as Salesforce counts it.
        try countQuery()
        let matches = try await records.query(
            RecordQuery(object: object, filters: try filters(delete.filters), logic: delete.logic, fields: nil, locking: true))
        try countQueryRows(matches.count)
        try await deleteRecords(matches.compactMap(\.id), object: object, in: element)
    }

    private mutating func deleteRecords(_ ids: [String], object: String, in element: CompiledElement) async throws {
        try countDML(rows: ids.count)
        let count = try await records.delete(object: object, ids: ids)
        report(.recordWrite(element: element.name, operation: "delete", object: object, rows: count))
    }

    /// Undoes the transaction's record changes through the database (back to the savepoint at
    /// its start). If the database cannot, the interview fails rather than go on with changes it
    /// meant to undo.
    private mutating func rollBack(_ element: CompiledElement) async throws(FlowRuntimeError) {
        guard let transaction else { return }
        do {
            try await transaction.rollBack()
        } catch {
            throw FlowRuntimeError(
                .other, "the record changes could not be rolled back: \(error)", elementName: element.name, location: element.location)
        }
    }

    // MARK: - Transform

    private func transform(_ transform: CompiledTransform) throws(FlowRuntimeError) -> FlowValue {
        let whole = transform.actions.first { $0.field == nil }
        if let whole, transform.actions.count == 1 {
            return try Self.coerce(try evaluate(whole.value), to: transform.type, name: "transform")
        }
        var record = FlowRecord(objectType: transform.type.objectType)
        for action in transform.actions {
            guard let field = action.field else { continue }
            record[field] = try evaluate(action.value)
        }
        return transform.type.isCollection ? .collection([.record(record)]) : .record(record)
    }

    // MARK: - Wait

    /// Takes the event that would fire first: among events whose conditions hold, the time event
    /// due soonest; with none, the default path. The interview resumes at once, in a new
    /// transaction, with its clock moved to the event's time (a time already past fires at once
    /// and leaves the clock where it is), so `$Flow.CurrentDateTime` after the wait is the time
    /// the interview would have resumed at in Salesforce.
    private mutating func wait(_ wait: CompiledWait, in element: CompiledElement) throws(FlowRuntimeError) -> Int? {
        var chosen: (event: CompiledWait.Event, time: Date)?
        for event in wait.events {
            // An event without conditions is always waited for.
            var held = true
            if !event.conditions.isEmpty {
                held = try event.logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
                    guard number >= 1, number <= event.conditions.count else { return false }
                    return try holds(event.conditions[number - 1])
                }
            }
            guard held, let time = try resumeTime(of: event) else { continue }
            if let earlier = chosen?.time, earlier <= time { continue }
            chosen = (event, time)
        }
        // A wait ends the transaction (the caller commits): the limits start again.
        interview.steps = 0
        interview.usage = TransactionUsage()
        guard let chosen else {
            report(.decision(element: element.name, outcome: wait.defaultLabel ?? "default", conditions: []))
            return wait.defaultNext
        }
        report(.decision(element: element.name, outcome: chosen.event.name, conditions: []))
        let current = now
        if chosen.time > current {
            interview.clockShift += chosen.time.timeIntervalSince(current)
            report(.clockMoved(element: element.name, to: chosen.time.isoText))
        }
        return chosen.event.next
    }

    /// When a time event fires: `AlarmTime` (or a record's date field) moved by `TimeOffset`
    /// `TimeOffsetUnit` (Hours or Days). Platform events never arrive locally (nil).
    private func resumeTime(of event: CompiledWait.Event) throws(FlowRuntimeError) -> Date? {
        let type = event.eventType ?? "AlarmEvent"
        guard type == "AlarmEvent" || type == "DateRefAlarmEvent" else { return nil }
        var base = now
        if let alarm = event.inputs["alarmtime"] {
            switch try evaluate(alarm) {
            case .dateTime(let instant): base = instant
            case .date(let date): base = date.startOfDayUTC
            default: break
            }
        }
        let offset =
            try event.inputs["timeoffset"].map { expression throws(FlowRuntimeError) in try evaluate(expression) }?.numberValue ?? 0
        let unit =
            try event.inputs["timeoffsetunit"].map { expression throws(FlowRuntimeError) in try evaluate(expression) }?.stringValue
            ?? "Hours"
        let seconds = Double(truncating: offset as NSNumber) * (unit.lowercased().hasPrefix("day") ? 86_400 : 3_600)
        return base.addingTimeInterval(seconds)
    }
}
