extension Execution {
    /// Get Records: query the store, then store the result as the element says.
    mutating func lookUp(_ lookup: CompiledLookup, in element: CompiledElement) async throws {
        let query = RecordQuery(
            object: lookup.object, filters: try filters(lookup.filters), logic: lookup.logic, fields: lookup.fields,
            sort: lookup.sort, limit: lookup.limit)
        try countQuery()
        let records = try await services.records.query(query)
        try countQueryRows(records.count)
        report(.recordQuery(element: element.name, object: lookup.object, filters: traceText(of: query), rows: records.count))
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
            try countDML(rows: (value.collectionValue ?? [value]).count)
            var created: [FlowValue] = []
            for item in value.collectionValue ?? [value] {
                guard var record = item.recordValue else {
                    throw FlowRuntimeError(.typeError, "Create Records needs a record, got a \(item.kindName)")
                }
                if record.objectType == nil { record.objectType = create.object }
                let id = try await services.records.create(record)
                journalCreate(object: record.objectType, id: id)
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
        for field in create.fields { record[field.field] = try evaluate(field.value) }
        try countDML(rows: 1)
        let id = try await services.records.create(record)
        journalCreate(object: object, id: id)
        report(.recordWrite(element: element.name, operation: "create", object: object, rows: 1))
        if let target = create.assignIdTo { write(.string(id), to: target) }
        if let slot = create.autoOutput { write(.string(id), to: BoundTarget(slot: slot, fields: [])) }
    }

    /// Update Records: every record matching the filters, or the records held in a variable.
    mutating func update(_ update: CompiledUpdate, in element: CompiledElement) async throws {
        if let input = update.inputReference {
            let value = try evaluate(input)
            try countDML(rows: (value.collectionValue ?? [value]).count)
            for item in value.collectionValue ?? [value] {
                guard let record = item.recordValue, let id = record.id else {
                    throw FlowRuntimeError(.typeError, "Update Records needs records that have an Id")
                }
                var fields = record.fields
                fields = fields.filter { $0.key.lowercased() != "id" }
                guard let object = record.objectType ?? update.object ?? objectType(of: input) else {
                    throw FlowRuntimeError(.typeError, "Update Records cannot tell which object record \(id) is")
                }
                try await journalUpdate(object: object, id: id, fields: fields.keys)
                try await services.records.update(object: object, id: id, fields: fields)
                report(.recordWrite(element: element.name, operation: "update", object: object, rows: 1))
            }
            return
        }
        guard let object = update.object else { return }
        var fields: [String: FlowValue] = [:]
        for field in update.fields { fields[field.field] = try evaluate(field.value) }
        try countQuery()
        let matches = try await services.records.query(
            RecordQuery(object: object, filters: try filters(update.filters), logic: update.logic, fields: ["Id"]))
        try countQueryRows(matches.count)
        try countDML(rows: matches.count)
        for record in matches {
            guard let id = record.id else { continue }
            try await journalUpdate(object: object, id: id, fields: fields.keys)
            try await services.records.update(object: object, id: id, fields: fields)
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

    func objectType(of expression: BoundExpression) -> String? {
        if case .slot(let slot, let fields) = expression, fields.isEmpty { return flow.resources[slot].type.objectType }
        return nil
    }
}
