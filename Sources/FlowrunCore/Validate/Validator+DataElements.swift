extension ValidationRun {
    /// Compiles the elements that sort, filter, delete, roll back, stop, transform and wait.
    mutating func compileDataElement(_ element: FlowElement) -> CompiledElement.Kind? {
        switch element.kind {
        case .collectionProcessor(let processor): return compile(processor, element: element)
        case .recordDelete(let delete): return .recordDelete(compile(delete, at: element.location))
        case .recordRollback(let rollback): return .recordRollback(next: target(of: rollback.connector))
        case .customError(let error):
            var messages: [CompiledCustomError.Message] = []
            for message in error.messages {
                messages.append(.init(text: bindTemplate(message.text, at: message.textLocation), field: message.field))
            }
            return .customError(CompiledCustomError(messages: messages, next: target(of: error.connector)))
        case .transform(let transform): return .transform(compile(transform, name: element.name))
        case .wait(let wait): return .wait(compile(wait, name: element.name))
        default: return nil
        }
    }

    // MARK: - Resources these elements declare

    /// Stages, dynamic choice sets, and the two stage globals a screen flow can assign.
    mutating func declareStagesAndChoiceSets() {
        for stage in flow.stages {
            addResource(
                Resource(name: stage.name, kind: .constant(.string(stage.name)), type: StaticType(dataType: .string)),
                at: stage.location)
        }
        for set in flow.dynamicChoiceSets {
            addResource(
                Resource(name: set.name, kind: .variable(default: nil), type: StaticType(dataType: set.dataType)),
                at: set.location)
        }
        // `$Flow.CurrentStage` and `$Flow.ActiveStages` are globals a flow may assign.
        for (name, type) in [
            ("$Flow.CurrentStage", StaticType(dataType: .string)),
            ("$Flow.ActiveStages", StaticType(dataType: .string, isCollection: true)),
        ] {
            resources.append(Resource(name: name, kind: .variable(default: nil), type: type))
            slotsByName[name.lowercased()] = resources.count - 1
        }
    }

    /// Each decision outcome is a Boolean resource: whether the decision took it (`{!Outcome_Name}`).
    /// A name already taken keeps its first meaning.
    mutating func declareDecisionOutcomes() {
        for element in flow.elements {
            guard case .decision(let decision) = element.kind else { continue }
            for rule in decision.rules where declaredAt[rule.name.lowercased()] == nil {
                addResource(
                    Resource(name: rule.name, kind: .elementOutput, type: StaticType(dataType: .boolean)), at: rule.location)
            }
        }
    }

    /// The slot of `$Flow.CurrentStage` or `$Flow.ActiveStages` for a reference to one.
    func stageGlobal(_ path: ReferencePath) -> BoundExpression? {
        guard path.head.lowercased() == "$flow", let field = path.fields.first,
            let slot = slotsByName["$flow." + field.lowercased()]
        else { return nil }
        return .slot(slot, fields: Array(path.fields.dropFirst()))
    }

    /// Results of collection processors and transforms are resources named after their element.
    mutating func declareDataOutput(of element: FlowElement) {
        switch element.kind {
        case .collectionProcessor(let processor) where processor.kind != .sort:
            var type = StaticType.unknown
            if processor.kind == .map {
                type = StaticType(dataType: .sObject, isCollection: true, objectType: processor.outputObjectType)
            } else if processor.collection.fields.isEmpty,
                let variable = flow.variables.first(where: { $0.name.lowercased() == processor.collection.head.lowercased() })
            {
                type = StaticType(dataType: variable.dataType, isCollection: true, objectType: variable.objectType)
            }
            resources.append(Resource(name: element.name, kind: .elementOutput, type: type))
            slotsByName[element.name.lowercased()] = resources.count - 1
        case .transform(let transform) where transform.storeOutputAutomatically:
            let type = StaticType(dataType: transform.dataType, isCollection: transform.isCollection, objectType: transform.objectType)
            resources.append(Resource(name: element.name, kind: .elementOutput, type: type))
            slotsByName[element.name.lowercased()] = resources.count - 1
        default:
            break
        }
    }

    // MARK: - Elements

    private mutating func compile(_ processor: CollectionProcessorElement, element: FlowElement) -> CompiledElement.Kind {
        var collection = resolve(processor.collection, at: processor.collectionLocation)
        var inPlace: BoundTarget?
        if processor.kind == .sort, collection != nil {
            inPlace = resolveTarget(processor.collection, at: processor.collectionLocation)?.0
            if inPlace == nil { collection = nil }
        }
        let collectionType = staticType(of: collection)
        if collectionType.dataType != nil, !collectionType.isCollection {
            mismatch(
                "a collection \(processor.kind == .sort ? "sort" : "filter") needs a collection, but '\(processor.collection)' is a \(collectionType.description)",
                at: processor.collectionLocation)
        }
        let item = processor.currentItem.flatMap { resolveTarget($0, at: processor.collectionLocation)?.0 }
        let operation: CompiledCollectionProcessor.Operation
        switch processor.kind {
        case .sort:
            if let type = collectionType.dataType, type == .sObject || type == .apex {
                for option in processor.sortOptions where option.field == nil {
                    diagnostics.append(
                        .error(
                            "validate.missingSortField",
                            "sorting a \(collectionType.description) needs a <sortField> in each <sortOptions>",
                            at: element.location))
                }
            }
            operation = .sort(processor.sortOptions)
        case .filter:
            if let text = processor.formula, let location = processor.formulaLocation {
                if let formula = bindFormula(text, at: location) {
                    operation = .filterFormula(formula, location: location)
                } else {
                    operation = .filterConditions([], .all(0))
                }
            } else {
                operation = .filterConditions(
                    processor.conditions.compactMap { compile($0) },
                    logic(processor.logic, count: processor.conditions.count, owner: "'\(element.name)' conditions", at: element.location))
            }
        case .map:
            operation = .map(
                processor.mapItems.map { FieldValue(field: $0.field, value: bind($0.value)) }, objectType: processor.outputObjectType)
        case .other(let type):
            diagnostics.append(
                .error(
                    "validate.unsupportedCollectionProcessor",
                    "flowrun can sort (SortCollectionProcessor) and filter (FilterCollectionProcessor) collections, not '\(type)'",
                    at: element.location))
            operation = .sort([])
        }
        return .collectionProcessor(
            CompiledCollectionProcessor(
                collection: collection ?? .literal(.collection([])), operation: operation, currentItem: item,
                limit: processor.limit, sortsInPlace: inPlace, output: slotsByName[element.name.lowercased()],
                next: target(of: processor.connector)))
    }

    private mutating func compile(_ delete: RecordDeleteElement, at location: SourceLocation) -> CompiledDelete {
        var input: BoundExpression?
        if let reference = delete.inputReference {
            input = noteRelatedRecords(resolve(reference, at: location), asRecord: true)
            let type = staticType(of: input)
            if let dataType = type.dataType, dataType != .sObject, dataType != .string {
                mismatch(
                    "Delete Records needs a record, a record collection or Ids, but '\(reference)' is a \(type.description)", at: location)
            }
        }
        if delete.object == nil, delete.inputReference == nil {
            diagnostics.append(
                .error("parse.missingChild", "Delete Records needs an <object> with filters, or an <inputReference>", at: location))
        }
        checkFieldsAgainstMetadata(of: delete.object, namedFields(delete.filters))
        return CompiledDelete(
            object: delete.object, filters: compile(delete.filters),
            logic: filterLogic(delete.filterLogic, count: delete.filters.count, owner: "filters"), inputReference: input,
            next: target(of: delete.connector), faultNext: target(of: delete.faultConnector))
    }

    private mutating func compile(_ transform: TransformElement, name: String) -> CompiledTransform {
        CompiledTransform(
            type: StaticType(dataType: transform.dataType, isCollection: transform.isCollection, objectType: transform.objectType),
            actions: transform.actions.map { CompiledTransform.Action(field: $0.field, value: bind($0.value)) },
            output: transform.storeOutputAutomatically ? slotsByName[name.lowercased()] : nil, next: target(of: transform.connector))
    }

    private mutating func compile(_ wait: WaitElement, name: String) -> CompiledWait {
        let events = wait.events.map { event -> CompiledWait.Event in
            var inputs: [String: BoundExpression] = [:]
            for input in event.inputs {
                if let value = bind(input.value) { inputs[input.name.lowercased()] = value }
            }
            for output in event.outputs { _ = resolveTarget(output.target, at: output.targetLocation) }
            return CompiledWait.Event(
                name: event.name, eventType: event.eventType, conditions: event.conditions.compactMap { compile($0) },
                logic: logic(event.logic, count: event.conditions.count, owner: "wait event '\(event.name)'", at: event.location),
                inputs: inputs, next: target(of: event.connector))
        }
        return CompiledWait(
            events: events, defaultNext: target(of: wait.defaultConnector), defaultLabel: wait.defaultLabel,
            faultNext: target(of: wait.faultConnector))
    }
}
