extension FlowParser {
    mutating func parseElement(_ node: XMLElement_) -> FlowElement? {
        guard let name = requiredText(node, "name") else { return nil }
        let kind: FlowElement.Kind?
        switch node.name {
        case "assignments": kind = .assignment(parseAssignment(node))
        case "decisions": kind = .decision(parseDecision(node))
        case "recordLookups": kind = parseRecordLookup(node).map { .recordLookup($0) }
        case "recordCreates": kind = .recordCreate(parseRecordCreate(node))
        case "recordUpdates": kind = .recordUpdate(parseRecordUpdate(node))
        case "actionCalls" where node.childText("actionType") == "flow": kind = parseSubflow(node).map { .subflow($0) }
        case "apexPluginCalls", "actionCalls": kind = parsePluginCall(node).map { .pluginCall($0) }
        case "subflows": kind = parseSubflow(node).map { .subflow($0) }
        case "screens": kind = .screen(parseScreen(node))
        case "loops": kind = parseLoop(node).map { .loop($0) }
        case "collectionProcessors": kind = parseCollectionProcessor(node).map { .collectionProcessor($0) }
        case "recordDeletes": kind = .recordDelete(parseRecordDelete(node))
        case "recordRollbacks": kind = .recordRollback(RecordRollbackElement(connector: connector(node, "connector")))
        case "customErrors": kind = .customError(parseCustomError(node))
        case "transforms": kind = .transform(parseTransform(node))
        case "waits": kind = .wait(parseWait(node))
        default: kind = nil
        }
        guard let kind else { return nil }
        return FlowElement(name: name, label: node.childText("label"), location: node.location, kind: kind)
    }

    private mutating func parseAssignment(_ node: XMLElement_) -> AssignmentElement {
        var items: [AssignmentElement.Item] = []
        for item in node.children("assignmentItems") {
            guard let target = item.child("assignToReference") else {
                diagnostics.append(
                    .error("parse.missingChild", "<assignmentItems> needs an <assignToReference>", at: item.location))
                continue
            }
            guard let op = enumValue(item, "operator", AssignmentOperator.self, what: "assignment operator") else {
                continue
            }
            items.append(
                .init(
                    target: ReferencePath(parsing: target.trimmedText), targetLocation: target.textLocation, op: op,
                    value: value(item.child("value")), location: item.location))
        }
        return AssignmentElement(items: items, connector: connector(node, "connector"))
    }

    private mutating func parseDecision(_ node: XMLElement_) -> DecisionElement {
        var rules: [DecisionElement.Rule] = []
        for rule in node.children("rules") {
            guard let name = requiredText(rule, "name") else { continue }
            rules.append(
                .init(
                    name: name, label: rule.childText("label"), logic: logicSpec(rule, "conditionLogic"),
                    conditions: rule.children("conditions").compactMap { parseCondition($0) },
                    connector: connector(rule, "connector"), location: rule.location))
        }
        return DecisionElement(
            rules: rules, defaultConnector: connector(node, "defaultConnector"),
            defaultLabel: node.childText("defaultConnectorLabel"))
    }

    mutating func parseCondition(_ node: XMLElement_) -> Condition? {
        guard let left = node.child("leftValueReference") else {
            diagnostics.append(
                .error("parse.missingChild", "<conditions> needs a <leftValueReference>", at: node.location))
            return nil
        }
        guard let op = enumValue(node, "operator", ConditionOperator.self, what: "condition operator") else { return nil }
        return Condition(
            left: ReferencePath(parsing: left.trimmedText), leftLocation: left.textLocation, op: op,
            right: value(node.child("rightValue")), location: node.location)
    }

    private mutating func parseRecordLookup(_ node: XMLElement_) -> RecordLookupElement? {
        guard let objectNode = node.child("object"), !objectNode.trimmedText.isEmpty else {
            _ = requiredText(node, "object")
            return nil
        }
        let output = node.child("outputReference")
        return RecordLookupElement(
            object: objectNode.trimmedText, objectLocation: objectNode.textLocation, filters: filters(node),
            filterLogic: logicSpec(node, "filterLogic"), getFirstRecordOnly: bool(node, "getFirstRecordOnly"),
            queriedFields: node.children("queriedFields").map(\.trimmedText),
            storeOutputAutomatically: bool(node, "storeOutputAutomatically"),
            outputReference: output.map { ReferencePath(parsing: $0.trimmedText) },
            outputReferenceLocation: output?.textLocation, outputAssignments: fieldAssignments(node, "outputAssignments"),
            assignNullValuesIfNoRecordsFound: bool(node, "assignNullValuesIfNoRecordsFound"),
            sortField: node.childText("sortField"), sortAscending: node.childText("sortOrder") != "Desc",
            limit: node.childText("limit").flatMap { Int($0) }, connector: connector(node, "connector"),
            faultConnector: connector(node, "faultConnector"))
    }

    private mutating func parseRecordCreate(_ node: XMLElement_) -> RecordCreateElement {
        RecordCreateElement(
            object: node.childText("object"), inputAssignments: fieldAssignments(node, "inputAssignments"),
            inputReference: node.childText("inputReference").map { ReferencePath(parsing: $0) },
            assignRecordIdTo: node.childText("assignRecordIdToReference").map { ReferencePath(parsing: $0) },
            storeOutputAutomatically: bool(node, "storeOutputAutomatically"), connector: connector(node, "connector"),
            faultConnector: connector(node, "faultConnector"))
    }

    private mutating func parseRecordUpdate(_ node: XMLElement_) -> RecordUpdateElement {
        RecordUpdateElement(
            object: node.childText("object"), filters: filters(node), filterLogic: logicSpec(node, "filterLogic"),
            inputAssignments: fieldAssignments(node, "inputAssignments"),
            inputReference: node.childText("inputReference").map { ReferencePath(parsing: $0) },
            connector: connector(node, "connector"), faultConnector: connector(node, "faultConnector"))
    }

    private mutating func parsePluginCall(_ node: XMLElement_) -> PluginCallElement? {
        let isAction = node.name == "actionCalls"
        let key = isAction ? "actionName" : "apexClass"
        guard let nameNode = node.child(key), !nameNode.trimmedText.isEmpty else {
            _ = requiredText(node, key)
            return nil
        }
        let inputs = parameterInputs(node)
        let outputs = parameterOutputs(node)
        return PluginCallElement(
            pluginName: nameNode.trimmedText, pluginNameLocation: nameNode.textLocation, isActionCall: isAction,
            actionType: node.childText("actionType"), inputs: inputs, outputs: outputs,
            storeOutputAutomatically: bool(node, "storeOutputAutomatically"), connector: connector(node, "connector"),
            faultConnector: connector(node, "faultConnector"))
    }

    private mutating func parseLoop(_ node: XMLElement_) -> LoopElement? {
        guard let collection = node.child("collectionReference") else {
            _ = requiredText(node, "collectionReference")
            return nil
        }
        return LoopElement(
            collection: ReferencePath(parsing: collection.trimmedText), collectionLocation: collection.textLocation,
            itemVariable: node.childText("assignNextValueToReference").map { ReferencePath(parsing: $0) },
            descending: node.childText("iterationOrder") == "Desc", nextConnector: connector(node, "nextValueConnector"),
            doneConnector: connector(node, "noMoreValuesConnector"))
    }

    // MARK: - Pieces shared by record elements

    mutating func filters(_ node: XMLElement_) -> [RecordFilterSpec] {
        node.children("filters").compactMap { filter in
            guard let field = requiredText(filter, "field"),
                let op = enumValue(filter, "operator", ConditionOperator.self, what: "filter operator")
            else { return nil }
            return RecordFilterSpec(
                field: field, op: op, value: value(filter.child("value")), location: filter.location,
                fieldLocation: filter.child("field")?.textLocation)
        }
    }

    mutating func fieldAssignments(_ node: XMLElement_, _ name: String) -> [FieldAssignment] {
        node.children(name).compactMap { item in
            guard let field = requiredText(item, "field") else { return nil }
            return FieldAssignment(
                field: field, reference: item.childText("assignToReference").map { ReferencePath(parsing: $0) },
                value: value(item.child("value")), location: item.location, fieldLocation: item.child("field")?.textLocation)
        }
    }

    func logicSpec(_ node: XMLElement_, _ name: String) -> ConditionLogicSpec? {
        guard let child = node.child(name), !child.trimmedText.isEmpty else { return nil }
        return ConditionLogicSpec(text: child.trimmedText, location: child.textLocation)
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(
        _ node: XMLElement_, _ name: String, _ type: E.Type, what: String
    ) -> E? where E.RawValue == String {
        guard let child = node.child(name) else {
            diagnostics.append(.error("parse.missingChild", "<\(node.name)> needs an <\(name)>", at: node.location))
            return nil
        }
        if let value = E(rawValue: child.trimmedText) { return value }
        let known = E.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: child.trimmedText, in: known).map { "; did you mean '\($0)'?" } ?? ""
        diagnostics.append(
            .error(
                "parse.unknownOperator", "'\(child.trimmedText)' is not a \(what) flowrun knows\(hint)",
                at: child.textLocation))
        return nil
    }
}
