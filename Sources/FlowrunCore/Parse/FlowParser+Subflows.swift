extension FlowParser {
    /// `<subflows>` (`flowName`, `inputAssignments`, `outputAssignments`) and `<actionCalls>` of
    /// type `flow` (`actionName`, `inputParameters`, `outputParameters`, `faultConnector`).
    mutating func parseSubflow(_ node: XMLElement_) -> SubflowElement? {
        let isAction = node.name == "actionCalls"
        let nameKey = isAction ? "actionName" : "flowName"
        guard let nameNode = node.child(nameKey), !nameNode.trimmedText.isEmpty else {
            _ = requiredText(node, nameKey)
            return nil
        }
        var inputs: [SubflowElement.Input] = []
        for input in node.children(isAction ? "inputParameters" : "inputAssignments") {
            guard let name = requiredText(input, "name") else { continue }
            inputs.append(
                .init(name: name, value: value(input.child("value")), location: input.child("name")?.textLocation ?? input.location))
        }
        var outputs: [SubflowElement.Output] = []
        for output in node.children(isAction ? "outputParameters" : "outputAssignments") {
            guard let name = requiredText(output, "name"), let target = requiredText(output, "assignToReference") else {
                continue
            }
            outputs.append(
                .init(
                    name: name, target: ReferencePath(parsing: target),
                    location: output.child("name")?.textLocation ?? output.location,
                    targetLocation: output.child("assignToReference")?.textLocation ?? output.location))
        }
        return SubflowElement(
            flowName: nameNode.trimmedText, flowNameLocation: nameNode.textLocation, isActionCall: isAction, inputs: inputs,
            outputs: outputs, storeOutputAutomatically: bool(node, "storeOutputAutomatically"),
            connector: connector(node, "connector"), faultConnector: isAction ? connector(node, "faultConnector") : nil)
    }
}
