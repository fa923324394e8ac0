import Foundation

extension Execution {
    /// Runs a subflow: a new interview of the called flow with its own variables, in the same
    /// transaction (the limits and the step count carry on). When it reaches a screen, this
    /// interview waits at the subflow element holding it, and `resumeSubflow` carries on there.
    mutating func runSubflow(
        _ call: CompiledSubflow, at index: Int, in element: CompiledElement
    ) async throws(FlowRuntimeError) -> Interview.Position {
        guard let callee = call.callee?.flow else {
            throw FlowRuntimeError(.other, "subflow '\(call.flowName)' was not loaded", elementName: element.name, location: element.location)
        }
        guard interview.subflowDepth < FlowLibrary.maximumDepth else {
            throw FlowRuntimeError(
                .other, "subflows nest more than \(FlowLibrary.maximumDepth) deep; the flows probably call each other endlessly",
                elementName: element.name, location: element.location)
        }
        var inputs: [String: FlowValue] = [:]
        for input in call.inputs {
            inputs[input.variable] = try located(element) { () throws(FlowRuntimeError) in try evaluate(input.value) }
        }
        var execution = childExecution(of: callee)
        do {
            try execution.assignInputs(inputs)
        } catch {
            throw FlowRuntimeError(.typeError, "subflow '\(call.flowName)': \(error.description)", elementName: element.name, location: element.location)
        }
        execution.interview.position = .ready(callee.startIndex)
        execution.carryTransaction(from: interview)
        await execution.run(newTransaction: false)
        return try settle(call, child: execution.interview, at: index, in: element)
    }

    /// Answers the screen of the subflow this interview waits in, and carries on in this flow when
    /// the subflow ends.
    mutating func resumeSubflow(answers: [String: FlowValue], action: ScreenAction) async {
        guard case .atScreen(let index) = interview.position, let child = interview.pausedSubflow?.first,
            case .subflow(let call) = flow.elements[index].kind, let callee = call.callee?.flow
        else { return }
        let element = flow.elements[index]
        var execution = Execution(flow: callee, services: services, configuration: configuration, interview: child, records: records)
        if child.pausedSubflow?.isEmpty == false {
            await execution.resumeSubflow(answers: answers, action: action)
        } else {
            await execution.resume(answers: answers, action: action)
        }
        do {
            let position = try settle(call, child: execution.interview, at: index, in: element)
            interview.position = position
            if case .ready = position {
                // The subflow's screen began a new transaction; this flow carries on in it.
                await run(newTransaction: false)
            }
        } catch {
            fail(error)
        }
    }

    /// Where this interview goes once its subflow has stopped: on, after storing the outputs; to
    /// the fault connector (or failure) when the subflow failed; or waiting, when it shows a screen.
    private mutating func settle(
        _ call: CompiledSubflow, child: Interview, at index: Int, in element: CompiledElement
    ) throws(FlowRuntimeError) -> Interview.Position {
        carryTransaction(from: child)
        switch child.status {
        case .screen(let prompt):
            interview.pausedSubflow = [child]
            interview.status = .screen(prompt)
            return .atScreen(index)
        case .finished(let outputs):
            interview.pausedSubflow = nil
            for output in call.outputs {
                let value = outputs[output.variable] ?? .null
                let name = flow.resources[output.target.slot].name
                write(try located(element) { () throws(FlowRuntimeError) in try Self.coerce(value, to: output.type, name: name) }, to: output.target)
            }
            if let slot = call.autoOutput {
                write(.record(FlowRecord(fields: outputs)), to: BoundTarget(slot: slot, fields: []))
            }
            return .ready(call.next)
        case .failed(let error):
            interview.pausedSubflow = nil
            if error.kind == .limitExceeded || error.kind == .stepLimit { throw error }
            let message = error.message
            guard let fault = call.faultNext else {
                throw FlowRuntimeError(
                    .unhandledFault, "subflow '\(call.flowName)' failed: \(error.description)", elementName: element.name,
                    location: element.location)
            }
            interview.faultMessage = message
            report(.fault(element: element.name, message: message))
            return .ready(fault)
        case .running:
            interview.pausedSubflow = nil
            return .ready(call.next)
        }
    }

    /// A new interview of `callee`, one level deeper than this one and working on the same record,
    /// in an execution sharing this one's services and records: what a subflow element and a screen
    /// action both run.
    func childExecution(of callee: ValidatedFlow) -> Execution {
        var child = Interview(
            id: Interpreter.makeGuid(services.random), flowName: callee.name, startTime: now,
            resourceNames: callee.resources.map(\.name))
        child.subflowDepth = interview.subflowDepth + 1
        child.currentRecord = interview.currentRecord
        return Execution(flow: callee, services: services, configuration: configuration, interview: child, records: records)
    }

    /// Takes over the transaction's counters from the interview that ran before (caller or subflow),
    /// and its clock, which a wait in a subflow moves for the caller too.
    mutating func carryTransaction(from other: Interview) {
        interview.clockShift = other.clockShift
        interview.usage = other.usage
        interview.steps = other.steps
        interview.totalSteps = max(interview.totalSteps, other.totalSteps)
    }
}
