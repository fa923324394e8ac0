extension FlowParser {
    /// A screen's `<actions>` entry (`FlowScreenAction`): `name`, `actionName`, `actionType`,
    /// `label`, `inputParameters`.
    mutating func parseScreenAction(_ node: XMLElement_) -> ScreenElement.Action? {
        guard let name = requiredText(node, "name"), requiredText(node, "actionName") != nil, let actionNode = node.child("actionName")
        else { return nil }
        let actionType = node.childText("actionType") ?? "flow"
        guard actionType == "flow" else {
            // The Metadata API documents `flow` as the only screen action type.
            diagnostics.append(
                .error(
                    "parse.unsupportedValue",
                    "screen action '\(name)' is of type '\(actionType)'; flowrun runs screen actions of type 'flow' (an autolaunched flow)",
                    at: node.child("actionType")?.textLocation ?? node.location))
            return nil
        }
        let call = SubflowElement(
            flowName: actionNode.trimmedText, flowNameLocation: actionNode.textLocation, isActionCall: true,
            inputs: parameterInputs(node), outputs: [], storeOutputAutomatically: true, connector: nil, faultConnector: nil)
        return ScreenElement.Action(
            name: name, label: node.childText("label"), actionType: actionType, call: call, location: node.location)
    }

    /// A screen's `<triggers>` entry (`FlowScreenTrigger`) and its `<handlers>`.
    mutating func parseScreenTrigger(_ node: XMLElement_) -> ScreenElement.Trigger? {
        guard let eventName = requiredText(node, "eventName"), let eventSource = requiredText(node, "eventSource") else { return nil }
        let handlers = node.children("handlers").compactMap { handler -> ScreenElement.Trigger.Handler? in
            guard requiredText(handler, "screenActionName") != nil, let actionNode = handler.child("screenActionName") else { return nil }
            return .init(
                screenActionName: actionNode.trimmedText, screenActionNameLocation: actionNode.textLocation,
                initBehavior: handler.childText("initBehavior"), logic: logicSpec(handler, "conditionLogic"),
                conditions: handler.children("conditions").compactMap { parseCondition($0) })
        }
        return ScreenElement.Trigger(eventName: eventName, eventSource: eventSource, handlers: handlers, location: node.location)
    }
}
