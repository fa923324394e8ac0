extension ValidationRun {
    mutating func compile(_ lookup: RecordLookupElement, name: String) -> CompiledLookup {
        var outputs: [FieldOutput] = []
        for assignment in lookup.outputAssignments {
            guard let reference = assignment.reference else {
                diagnostics.append(
                    .error("parse.missingChild", "<outputAssignments> needs an <assignToReference>", at: assignment.location))
                continue
            }
            if let (target, type) = resolveTarget(reference, at: assignment.location) {
                outputs.append(FieldOutput(field: assignment.field, target: target, type: type))
            }
        }
        var outputReference: BoundTarget?
        var outputIsCollection = !lookup.getFirstRecordOnly
        if let reference = lookup.outputReference {
            let at = lookup.outputReferenceLocation ?? lookup.objectLocation
            if let (target, type) = resolveTarget(reference, at: at) {
                outputReference = target
                // Before getFirstRecordOnly existed, a single record variable simply took the first record.
                outputIsCollection = type.dataType == nil ? outputIsCollection : type.isCollection
                if type.dataType != nil, type.dataType != .sObject || (type.isCollection && lookup.getFirstRecordOnly) {
                    let wanted = lookup.getFirstRecordOnly ? "a \(lookup.object) record" : "\(lookup.object) records"
                    mismatch("'\(reference)' is a \(type.description), but this lookup stores \(wanted)", at: at)
                }
            }
        }
        let sort = lookup.sortField.map { RecordSort(field: $0, ascending: lookup.sortAscending) }
        checkFieldsAgainstMetadata(of: lookup.object, namedFields(lookup.filters))
        return CompiledLookup(
            object: lookup.object, filters: compile(lookup.filters),
            logic: filterLogic(lookup.filterLogic, count: lookup.filters.count, owner: "'\(name)' filters"),
            firstOnly: lookup.getFirstRecordOnly, fields: lookup.queriedFields.isEmpty ? nil : lookup.queriedFields,
            sort: sort, limit: lookup.getFirstRecordOnly ? 1 : lookup.limit,
            autoOutput: lookup.storeOutputAutomatically ? slotsByName[name.lowercased()] : nil,
            outputReference: outputReference, outputReferenceIsCollection: outputIsCollection, outputAssignments: outputs,
            assignNullsIfNone: lookup.assignNullValuesIfNoRecordsFound, next: target(of: lookup.connector),
            faultNext: target(of: lookup.faultConnector))
    }

    mutating func compile(_ create: RecordCreateElement, name: String, at location: SourceLocation) -> CompiledCreate {
        var input: BoundExpression?
        if let reference = create.inputReference { input = noteRelatedRecords(resolve(reference, at: location), asRecord: true) }
        if create.object == nil, create.inputReference == nil {
            diagnostics.append(
                .error("parse.missingChild", "'\(name)' needs an <object> with <inputAssignments>, or an <inputReference>", at: location))
        }
        checkFieldsAgainstMetadata(of: create.object, namedFields(create.inputAssignments))
        return CompiledCreate(
            object: create.object, fields: create.inputAssignments.map { FieldValue(field: $0.field, value: bind($0.value)) },
            inputReference: input,
            assignIdTo: create.assignRecordIdTo.flatMap { resolveTarget($0, at: location)?.0 },
            autoOutput: create.storeOutputAutomatically ? slotsByName[name.lowercased()] : nil,
            next: target(of: create.connector), faultNext: target(of: create.faultConnector))
    }

    mutating func compile(_ update: RecordUpdateElement, at location: SourceLocation) -> CompiledUpdate {
        var input: BoundExpression?
        if let reference = update.inputReference { input = noteRelatedRecords(resolve(reference, at: location), asRecord: true) }
        if update.object == nil, update.inputReference == nil {
            diagnostics.append(
                .error("parse.missingChild", "Update Records needs an <object> with filters, or an <inputReference>", at: location))
        }
        checkFieldsAgainstMetadata(of: update.object, namedFields(update.filters) + namedFields(update.inputAssignments))
        return CompiledUpdate(
            object: update.object, filters: compile(update.filters),
            logic: filterLogic(update.filterLogic, count: update.filters.count, owner: "filters"),
            fields: update.inputAssignments.map { FieldValue(field: $0.field, value: bind($0.value)) }, inputReference: input,
            next: target(of: update.connector), faultNext: target(of: update.faultConnector))
    }

    mutating func compile(_ filters: [RecordFilterSpec]) -> [CompiledFilter] {
        filters.compactMap { filter in
            let value = bind(filter.value)
            guard let op = FilterOperator(filter.op) else {
                diagnostics.append(
                    .error(
                        "validate.badFilterOperator", "\(filter.op.rawValue) cannot be used in a record filter",
                        at: filter.location))
                return nil
            }
            return CompiledFilter(field: filter.field, op: op, value: value)
        }
    }

    mutating func filterLogic(_ spec: ConditionLogicSpec?, count: Int, owner: String) -> ConditionLogic? {
        guard let spec, count > 0 else { return nil }
        return logic(spec, count: count, owner: owner, at: spec.location)
    }
}

extension FilterOperator {
    /// The record-filter form of a condition operator, if it has one.
    init?(_ op: ConditionOperator) {
        switch op {
        case .equalTo: self = .equalTo
        case .notEqualTo: self = .notEqualTo
        case .greaterThan: self = .greaterThan
        case .lessThan: self = .lessThan
        case .greaterThanOrEqualTo: self = .greaterThanOrEqualTo
        case .lessThanOrEqualTo: self = .lessThanOrEqualTo
        case .startsWith: self = .startsWith
        case .endsWith: self = .endsWith
        case .contains: self = .contains
        case .isNull: self = .isNull
        case .in: self = .in
        case .notIn: self = .notIn
        case .isBlank, .isEmpty, .wasSet: return nil
        }
    }
}
