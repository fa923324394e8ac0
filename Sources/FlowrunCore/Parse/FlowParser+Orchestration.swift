/// Flow Orchestration (`processType` Orchestrator / RecordTriggeredOrchestrator): `<orchestratedStages>`
/// hold `<stageSteps>`; each step runs a flow — a background step an autolaunched flow, an
/// interactive step a screen flow for its assignee. Stages run one after another along their
/// connectors, and a later element reads a step's outputs as `Step.Outputs.X`. Stage exit
/// conditions and exit actions are not evaluated: here a stage is over when its steps have run.
///
/// flowrun runs an orchestration in one interview, so a stage is lowered onto elements it already
/// runs: the stage becomes a pass-through decision (so connectors to the stage name still land),
/// each step becomes a subflow call that stores its outputs automatically, run in document order,
/// and a step with entry conditions is guarded by a decision that skips it when they are false.
/// An interactive step's screens are answered by whoever drives the interview, as for subflows.
extension FlowParser {
    mutating func parseOrchestratedStage(_ node: XMLElement_, into flow: inout Flow) {
        guard let stageName = requiredText(node, "name") else { return }
        let exit = connector(node, "connector")
        var lowered: [FlowElement] = []
        // API 51–52 wrote the same as `<steppedStages>` with `<steps>` and `<entryCriteria>`.
        let isLegacy = node.name == "steppedStages"
        let steps = node.children(isLegacy ? "steps" : "stageSteps")
        let entryKey = isLegacy ? "entryCriteria" : "entryConditions"
        // Each step continues to the next step's entry (its guard when it has one), the last to the stage's exit.
        var entryNames: [String] = steps.map { step in
            let name = step.childText("name") ?? ""
            return step.children(entryKey).isEmpty ? name : "\(name)__entry"
        }
        entryNames.append("")
        for (index, step) in steps.enumerated() {
            guard let name = requiredText(step, "name"), let call = parseStageStep(step) else { continue }
            let next = index + 1 < steps.count ? Connector(target: entryNames[index + 1], location: step.location) : exit
            var subflow = call
            subflow.connector = next
            let conditions = step.children(entryKey).compactMap { parseCondition($0) }
            if !conditions.isEmpty {
                let rule = DecisionElement.Rule(
                    name: "\(name)__entered", label: nil, logic: logicSpec(step, isLegacy ? "entryCriteriaLogic" : "entryConditionLogic"),
                    conditions: conditions, connector: Connector(target: name, location: step.location),
                    location: step.location)
                lowered.append(
                    FlowElement(
                        name: "\(name)__entry", label: step.childText("label"), location: step.location,
                        kind: .decision(DecisionElement(rules: [rule], defaultConnector: next, defaultLabel: nil))))
            }
            lowered.append(FlowElement(name: name, label: step.childText("label"), location: step.location, kind: .subflow(subflow)))
            flow.orchestrationStepNames.insert(name.lowercased())
        }
        let first = steps.isEmpty ? exit : Connector(target: entryNames[0], location: node.location)
        let stage = FlowElement(
            name: stageName, label: node.childText("label"), location: node.location,
            kind: .decision(DecisionElement(rules: [], defaultConnector: first, defaultLabel: nil)))
        flow.elements.append(stage)
        flow.elements.append(contentsOf: lowered)
    }

    /// A `<stageSteps>` as the subflow call it makes: `<actionName>` is the flow, `<inputParameters>`
    /// its inputs. Inputs named `ActionInput__…` configure the work item Salesforce creates for an
    /// interactive step (its record, label, description), not the flow, so they are not passed on.
    private mutating func parseStageStep(_ node: XMLElement_) -> SubflowElement? {
        guard let nameNode = node.child("actionName"), !nameNode.trimmedText.isEmpty else {
            _ = requiredText(node, "actionName")
            return nil
        }
        let inputs = parameterInputs(node).filter { !$0.name.lowercased().hasPrefix("actioninput__") }
        return SubflowElement(
            flowName: nameNode.trimmedText, flowNameLocation: nameNode.textLocation, isActionCall: true, inputs: inputs,
            outputs: [], storeOutputAutomatically: true, connector: nil, faultConnector: nil)
    }
}
