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
        let inputs = parameterInputs(node, tag: isAction ? "inputParameters" : "inputAssignments")
        let outputs = parameterOutputs(node, tag: isAction ? "outputParameters" : "outputAssignments")
        return SubflowElement(
            flowName: nameNode.trimmedText, flowNameLocation: nameNode.textLocation, isActionCall: isAction, inputs: inputs,
            outputs: outputs, storeOutputAutomatically: bool(node, "storeOutputAutomatically"),
            connector: connector(node, "connector"), faultConnector: isAction ? connector(node, "faultConnector") : nil)
    }
}
