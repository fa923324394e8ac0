import Foundation

extension Execution {
    /// Runs the actions a screen runs as it is shown: handlers with `initBehavior` `runOnLoad` the
    /// first time the screen is reached, `runOnRevisit` every time (Metadata API, FlowScreenTriggerHandler).
    mutating func runScreenActionsOnLoad(_ screen: CompiledScreen, firstVisit: Bool) async {
        for trigger in screen.triggers {
            for handler in trigger.handlers where (handler.runOnLoad && firstVisit) || handler.runOnRevisit {
                if handlerConditionsHold(handler) { await runScreenAction(screen.actions[handler.action]) }
            }
        }
    }

    /// The handlers the answers fire. A component raises an event through its answers, as
    /// `"Source.eventName"` (`"Find_Button.click": true`): the trigger listening for that event on
    /// that field runs its handlers whose conditions hold.
    func firedHandlers(of screen: CompiledScreen, answers: [String: FlowValue]) -> [CompiledScreenTrigger.Handler] {
        let raised = Set(
            answers.compactMap { key, value -> String? in
                if value.isNull || value.booleanValue == false { return nil }
                return key.lowercased()
            })
        return screen.triggers.flatMap { trigger -> [CompiledScreenTrigger.Handler] in
            guard raised.contains("\(trigger.eventSource).\(trigger.eventName)".lowercased()) else { return [] }
            return trigger.handlers.filter { handlerConditionsHold($0) }
        }
    }

    private func handlerConditionsHold(_ handler: CompiledScreenTrigger.Handler) -> Bool {
        guard !handler.conditions.isEmpty else { return true }
        return (try? handler.logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
            guard number >= 1, number <= handler.conditions.count else { return false }
            return try holds(handler.conditions[number - 1], lenient: true)
        }) ?? false
    }

    /// Runs one screen action's autolaunched flow to its end and keeps what came of it under the
    /// action's name: `IsSuccess`, `InProgress` (false once it has run: flowrun waits for it),
    /// `Results` (the flow's output variables) and, when it failed, `ErrorMessage`. A failure is
    /// the action's, not the screen's: the screen reads it from `IsSuccess`.
    mutating func runScreenAction(_ action: CompiledScreenAction) async {
        guard let slot = action.slot else { return }
        var result = FlowRecord(fields: ["IsSuccess": false, "InProgress": false, "Results": .null])
        defer { write(.record(result), to: BoundTarget(slot: slot, fields: [])) }
        guard let callee = action.call.callee?.flow else {
            result["ErrorMessage"] = .string("the flow '\(action.call.flowName)' was not loaded")
            return
        }
        var inputs: [String: FlowValue] = [:]
        for input in action.call.inputs {
            inputs[input.variable] = (try? evaluateLeniently(input.value)) ?? .null
        }
        var execution = childExecution(of: callee)
        do {
            try execution.assignInputs(inputs)
        } catch {
            result["ErrorMessage"] = .string(error.description)
            return
        }
        execution.interview.position = .ready(callee.startIndex)
        execution.interview.clockShift = interview.clockShift
        // Its own transaction's limits: the org runs a screen action apart from the screen's flow.
        await execution.run(newTransaction: true)
        switch execution.interview.status {
        case .finished(let outputs):
            result["IsSuccess"] = true
            result["Results"] = .record(FlowRecord(fields: outputs))
        case .failed(let error):
            result["ErrorMessage"] = .string(error.message)
        case .screen:
            result["ErrorMessage"] = .string("a screen action runs an autolaunched flow, and '\(callee.name)' shows a screen")
        case .running:
            break
        }
    }
}
