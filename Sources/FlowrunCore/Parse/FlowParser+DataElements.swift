extension FlowParser {
    mutating func parseCollectionProcessor(_ node: XMLElement_) -> CollectionProcessorElement? {
        guard let collection = node.child("collectionReference") else {
            _ = requiredText(node, "collectionReference")
            return nil
        }
        let type = node.childText("collectionProcessorType") ?? node.childText("elementSubtype") ?? ""
        let kind: CollectionProcessorElement.Kind =
            switch type {
            case "SortCollectionProcessor", "RecommendationSortCollectionProcessor", "RecommendationLimitCollectionProcessor": .sort
            case "FilterCollectionProcessor", "RecommendationFilterCollectionProcessor": .filter
            case "RecommendationMapCollectionProcessor": .map
            default: .other(type)
            }
        let formula = node.child("formula")
        let options = node.children("sortOptions").map { option in
            CollectionProcessorElement.SortOption(
                field: option.childText("sortField").flatMap { $0.isEmpty ? nil : $0 },
                ascending: option.childText("sortOrder") != "Desc",
                nullsFirst: bool(option, "doesPutEmptyStringAndNullFirst"))
        }
        return CollectionProcessorElement(
            kind: kind, collection: ReferencePath(parsing: collection.trimmedText), collectionLocation: collection.textLocation,
            currentItem: node.childText("assignNextValueToReference").map { ReferencePath(parsing: $0) },
            conditions: node.children("conditions").compactMap { parseCondition($0) },
            logic: logicSpec(node, "conditionLogic"), formula: formula?.text, formulaLocation: formula?.textLocation,
            sortOptions: options,
            mapItems: node.children("mapItems").compactMap { item in
                guard let field = requiredText(item, "assignToFieldReference") else { return nil }
                return FieldAssignment(field: field, reference: nil, value: value(item.child("value")), location: item.location)
            },
            outputObjectType: node.childText("outputSObjectType"), limit: node.childText("limit").flatMap { Int($0) },
            connector: connector(node, "connector"))
    }

    mutating func parseRecordDelete(_ node: XMLElement_) -> RecordDeleteElement {
        RecordDeleteElement(
            object: node.childText("object"), filters: filters(node), filterLogic: logicSpec(node, "filterLogic"),
            inputReference: node.childText("inputReference").map { ReferencePath(parsing: $0) },
            connector: connector(node, "connector"), faultConnector: connector(node, "faultConnector"))
    }

    mutating func parseCustomError(_ node: XMLElement_) -> CustomErrorElement {
        let messages = node.children("customErrorMessages").map { message in
            let text = message.child("errorMessage")
            return CustomErrorElement.Message(
                text: text?.text ?? "", textLocation: text?.textLocation ?? message.location,
                field: bool(message, "isFieldError") ? message.childText("fieldSelection") : nil)
        }
        return CustomErrorElement(messages: messages, connector: connector(node, "connector"))
    }

    mutating func parseTransform(_ node: XMLElement_) -> TransformElement {
        var actions: [TransformElement.Action] = []
        for group in node.children("transformValues") {
            for action in group.children("transformValueActions") {
                let field = action.childText("outputFieldApiName")
                actions.append(.init(field: field, value: value(action.child("value")), location: action.location))
            }
        }
        return TransformElement(
            dataType: dataType(node) ?? .sObject, isCollection: bool(node, "isCollection"),
            objectType: node.childText("objectType"), actions: actions,
            storeOutputAutomatically: node.childText("storeOutputAutomatically").map { $0 == "true" } ?? true,
            connector: connector(node, "connector"))
    }

    mutating func parseWait(_ node: XMLElement_) -> WaitElement {
        var events: [WaitElement.Event] = []
        for event in node.children("waitEvents") {
            guard let name = requiredText(event, "name") else { continue }
            events.append(
                .init(
                    name: name, label: event.childText("label"), eventType: event.childText("eventType"),
                    conditions: event.children("conditions").compactMap { parseCondition($0) },
                    logic: logicSpec(event, "conditionLogic"), inputs: parameterInputs(event),
                    outputs: parameterOutputs(event), connector: connector(event, "connector"), location: event.location))
        }
        return WaitElement(
            events: events, defaultConnector: connector(node, "defaultConnector"),
            defaultLabel: node.childText("defaultConnectorLabel"), faultConnector: connector(node, "faultConnector"))
    }

    mutating func parseStage(_ node: XMLElement_) -> StageDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        return StageDecl(
            name: name, label: node.childText("label") ?? name, order: node.childText("stageOrder").flatMap { Int($0) } ?? 0,
            isActive: bool(node, "isActive"), location: node.location)
    }

    mutating func parseDynamicChoiceSet(_ node: XMLElement_) -> DynamicChoiceSetDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        let source: DynamicChoiceSetDecl.Source
        if let object = node.childText("picklistObject"), let field = node.childText("picklistField"), !object.isEmpty {
            source = .picklist(object: object, field: field)
        } else if let object = node.childText("object"), !object.isEmpty {
            source = .records(
                object: object, displayField: node.childText("displayField").flatMap { $0.isEmpty ? nil : $0 },
                valueField: node.childText("valueField").flatMap { $0.isEmpty ? nil : $0 })
        } else {
            diagnostics.append(
                .error(
                    "parse.missingChild",
                    "choice set '\(name)' needs an <object> (record choices) or a <picklistObject> and <picklistField>",
                    at: node.location))
            return nil
        }
        return DynamicChoiceSetDecl(
            name: name, dataType: dataType(node) ?? .string, source: source, filters: filters(node),
            filterLogic: logicSpec(node, "filterLogic"), sortField: node.childText("sortField"),
            sortAscending: node.childText("sortOrder") != "Desc", limit: node.childText("limit").flatMap { Int($0) },
            outputAssignments: fieldAssignments(node, "outputAssignments"), location: node.location)
    }
}
