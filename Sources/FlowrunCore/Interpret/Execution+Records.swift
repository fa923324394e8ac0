extension Execution {
    /// Get Records: query the store, then store the result as the element says.
    mutating func lookUp(_ lookup: CompiledLookup, in element: CompiledElement) async throws {
        let query = RecordQuery(
            object: lookup.object, filters: try filters(lookup.filters), logic: lookup.logic, fields: lookup.fields,
            sort: lookup.sort, limit: lookup.limit, locking: flow.locksReads(of: lookup.object))
        try countQuery()
        let records = try await self.records.query(query).map(\.asSaved)
        try countQueryRows(records.count)
        // Which index served it costs a second look at the query: only when someone is watching.
        let servedBy = services.observer == nil ? nil : try? await self.records.servingPlan(for: query)
        report(
            .recordQuery(
                element: element.name, object: lookup.object, filters: traceText(of: query), rows: records.count,
                servedBy: servedBy))
        let result: FlowValue =
            lookup.firstOnly
            ? (records.first.map { .record($0) } ?? .null)
            : (records.isEmpty ? .null : .collection(records.map { .record($0) }))
        if let slot = lookup.autoOutput { write(result, to: BoundTarget(slot: slot, fields: [])) }
        if let target = lookup.outputReference {
            let stored: FlowValue =
                lookup.outputReferenceIsCollection
                ? (records.isEmpty ? .null : .collection(records.map { .record($0) }))
                : (records.first.map { .record($0) } ?? .null)
            write(stored, to: target)
        }
        if let first = records.first {
            for output in lookup.outputAssignments {
                let name = flow.resources[output.target.slot].name
                write(try Self.coerce(first[output.field], to: output.type, name: name), to: output.target)
            }
        } else if lookup.assignNullsIfNone {
            for output in lookup.outputAssignments { write(.null, to: output.target) }
        }
    }

    /// Create Records: from field values, or from a record (or record collection) variable,
    /// whose Ids are filled in as Salesforce does.
    mutating func create(_ create: CompiledCreate, in element: CompiledElement) async throws {
        if let input = create.inputReference {
            let value = try evaluate(input)
            let items = records(in: value, of: input)
            try countDML(rows: items.count)
            var created: [FlowValue] = []
            for item in items {
                guard var record = item.recordValue else {
                    throw FlowRuntimeError(.typeError, "Create Records needs a record, got a \(item.kindName)")
                }
                if record.objectType == nil { record.objectType = create.object }
                try flow.metadata.check(record)
                let id = try await records.create(record)
                record["Id"] = .string(id)
                created.append(.record(record))
            }
            report(.recordWrite(element: element.name, operation: "create", object: create.object ?? "record", rows: created.count))
            if case .slot(let slot, let fields) = input {
                let stored: FlowValue = value.collectionValue != nil ? .collection(created) : (created.first ?? .null)
                write(stored, to: BoundTarget(slot: slot, fields: fields))
            }
            return
        }
        guard let object = create.object else { return }
        var record = FlowRecord(objectType: object)
        for field in create.fields { record[field.field] = Self.fieldValue(try evaluate(field.value)) }
        try countDML(rows: 1)
        try flow.metadata.check(record)
        let id = try await records.create(record)
        report(.recordWrite(element: element.name, operation: "create", object: object, rows: 1))
        if let target = create.assignIdTo { write(.string(id), to: target) }
        if let slot = create.autoOutput { write(.string(id), to: BoundTarget(slot: slot, fields: [])) }
    }

    /// Update Records: every record matching the filters, or the records held in a variable.
    mutating func update(_ update: CompiledUpdate, in element: CompiledElement) async throws {
        if let input = update.inputReference {
            let value = try evaluate(input)
            // Field values set on the element are what is written; without any, the record's own fields.
            var assigned: [String: FlowValue]?
            if !update.fields.isEmpty {
                var values: [String: FlowValue] = [:]
                for field in update.fields { values[field.field] = Self.fieldValue(try evaluate(field.value)) }
                assigned = values
            }
            if case .slot(let slot, let path) = input, path.isEmpty, isBeforeSaveRecord(slot) {
                // A before-save flow changes $Record itself; Salesforce saves it after the flow, with no DML.
                var record = value.recordValue ?? FlowRecord(objectType: flow.triggerObject)
                for (field, fieldValue) in assigned ?? [:] { record[field] = fieldValue }
                write(.record(record), to: BoundTarget(slot: slot, fields: []))
                report(.recordWrite(element: element.name, operation: "update", object: flow.triggerObject ?? "record", rows: 1))
                return
            }
            let items = records(in: value, of: input)
            try countDML(rows: items.count)
            for item in items {
                guard let record = item.recordValue, let id = record.id else {
                    throw FlowRuntimeError(.typeError, "Update Records needs records that have an Id")
                }
                let fields = assigned ?? record.fields.filter { $0.key.lowercased() != "id" }
                guard let object = record.objectType ?? update.object ?? objectType(of: input) else {
                    throw FlowRuntimeError(.typeError, "Update Records cannot tell which object record \(id) is")
                }
                try flow.metadata.check(object: object, fields: fields)
                try await records.update(object: object, id: id, fields: fields)
                report(.recordWrite(element: element.name, operation: "update", object: object, rows: 1))
            }
            return
        }
        guard let object = update.object else { return }
        var fields: [String: FlowValue] = [:]
        for field in update.fields { fields[field.field] = Self.fieldValue(try evaluate(field.value)) }
        try flow.metadata.check(object: object, fields: fields)
        try countQuery()
        let matches = try await records.query(
            RecordQuery(object: object, filters: try filters(update.filters), logic: update.logic, fields: ["Id"], locking: true))
        try countQueryRows(matches.count)
        try countDML(rows: matches.count)
        for record in matches {
            guard let id = record.id else { continue }
            try await records.update(object: object, id: id, fields: fields)
        }
        report(.recordWrite(element: element.name, operation: "update", object: object, rows: matches.count))
    }

    /// `Id EqualTo "005…" AND …`, for traces.
    func traceText(of query: RecordQuery) -> String {
        query.filters.map { filter in
            "\(filter.field) \(filter.op.rawValue) \(traceText(filter.value, secret: false))"
        }.joined(separator: query.logic == nil ? " AND " : ", ")
    }

    func filters(_ compiled: [CompiledFilter]) throws(FlowRuntimeError) -> [RecordFilter] {
        var filters: [RecordFilter] = []
        for filter in compiled {
            filters.append(RecordFilter(field: filter.field, op: filter.op, value: try evaluate(filter.value)))
        }
        return filters
    }

    /// The records a Create or Update Records element writes from a variable: an unset record
    /// collection is empty (Salesforce does nothing for an empty list), a single record is one.
    func records(in value: FlowValue, of expression: BoundExpression) -> [FlowValue] {
        if value.isNull, case .slot(let slot, let fields) = expression, fields.isEmpty, flow.resources[slot].type.isCollection {
            return []
        }
        return value.collectionValue ?? [value]
    }

    /// A blank text written to a field is stored as null, as Salesforce stores blank fields.
    static func fieldValue(_ value: FlowValue) -> FlowValue {
        if case .string(let text) = value, text.isEmpty { return .null }
        return value
    }

    /// Whether `slot` is `$Record` of a before-save flow, which Update Records changes in place.
    func isBeforeSaveRecord(_ slot: Int) -> Bool {
        guard flow.triggerType == "RecordBeforeSave", case .triggerRecord = flow.resources[slot].kind else { return false }
        return flow.resources[slot].name.caseInsensitiveCompare("$Record") == .orderedSame
    }

    func objectType(of expression: BoundExpression) -> String? {
        if case .slot(let slot, let fields) = expression, fields.isEmpty { return flow.resources[slot].type.objectType }
        return nil
    }
}
