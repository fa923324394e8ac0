extension ValidationRun {
    /// Each screen action is a resource named after it, of no fixed type: `{!Action.IsSuccess}`,
    /// `{!Action.InProgress}`, `{!Action.Results.output}`.
    mutating func declareScreenActions(of screen: ScreenElement) {
        for action in screen.actions {
            _ = addResource(Resource(name: action.name, kind: .elementOutput, type: .unknown), at: action.location)
        }
    }

    /// The screen's actions, each checked as a call of its flow (inputs against the flow's input
    /// variables; a flow not in the folder is `needs.subflow`), and its triggers, whose handlers
    /// must name one of those actions.
    mutating func compileScreenActions(_ screen: ScreenElement) -> ([CompiledScreenAction], [CompiledScreenTrigger]) {
        let actions = screen.actions.map { action in
            CompiledScreenAction(
                name: action.name, call: compile(action.call, name: action.name), slot: slotsByName[action.name.lowercased()])
        }
        let names = screen.actions.map(\.name)
        let triggers = screen.triggers.map { trigger in
            CompiledScreenTrigger(
                eventSource: trigger.eventSource, eventName: trigger.eventName,
                handlers: trigger.handlers.compactMap { handler in
                    guard let index = names.firstIndex(where: { $0.caseInsensitiveCompare(handler.screenActionName) == .orderedSame })
                    else {
                        let hint = Suggestion.closest(to: handler.screenActionName, in: names).map { "; did you mean '\($0)'?" } ?? ""
                        diagnostics.append(
                            .error(
                                "validate.undefinedReference",
                                "the trigger on '\(trigger.eventSource)' runs the screen action '\(handler.screenActionName)', which this screen does not define\(hint)",
                                at: handler.screenActionNameLocation))
                        return nil
                    }
                    return .init(
                        action: index, runOnLoad: handler.initBehavior == "runOnLoad", runOnRevisit: handler.initBehavior == "runOnRevisit",
                        conditions: handler.conditions.compactMap { compile($0) },
                        logic: logic(
                            handler.logic, count: handler.conditions.count, owner: "the trigger on '\(trigger.eventSource)'",
                            at: trigger.location))
                })
        }
        return (actions, triggers)
    }
}
