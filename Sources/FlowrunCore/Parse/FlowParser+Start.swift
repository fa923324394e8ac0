extension FlowParser {
    /// `<start>`: its connector, and for triggered flows the object, trigger, entry conditions
    /// and scheduled paths.
    mutating func parseStart(_ node: XMLElement_) -> StartNode {
        var start = StartNode(
            connector: connector(node, "connector"), triggerType: node.childText("triggerType"),
            object: node.childText("object"), location: node.location)
        var trigger = TriggerSpec()
        trigger.recordTriggerType = node.childText("recordTriggerType")
        for filter in node.children("filters") {
            guard let field = requiredText(filter, "field"), let op = requiredText(filter, "operator") else { continue }
            trigger.filters.append(
                StartFilter(field: field, op: op, value: value(filter.child("value")), location: filter.location))
        }
        if let logic = node.child("filterLogic"), !logic.trimmedText.isEmpty {
            trigger.filterLogic = ConditionLogicSpec(text: logic.trimmedText, location: logic.textLocation)
        }
        if let formula = node.child("filterFormula"), !formula.trimmedText.isEmpty {
            trigger.filterFormula = formula.text
            trigger.filterFormulaLocation = formula.textLocation
        }
        trigger.requiresRecordChange = bool(node, "doesRequireRecordChangedToMeetCriteria")
        for path in node.children("scheduledPaths") {
            trigger.scheduledPaths.append(
                ScheduledPath(
                    name: path.childText("name"), label: path.childText("label"), connector: connector(path, "connector"),
                    offsetNumber: path.childText("offsetNumber").flatMap { Int($0) }, offsetUnit: path.childText("offsetUnit"),
                    timeSource: path.childText("timeSource"), recordField: path.childText("recordField"),
                    pathType: path.childText("pathType"), location: path.location))
        }
        if let schedule = node.child("schedule") {
            for child in schedule.children { trigger.schedule[child.name] = child.trimmedText }
        }
        start.trigger = trigger
        return start
    }
}
