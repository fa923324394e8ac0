/// A subflow call ready to run: the called flow, checked, and the values passed each way.
struct CompiledSubflow: Sendable {
    struct Input: Sendable {
        var variable: String
        var value: BoundExpression?
    }

    struct Output: Sendable {
        var variable: String
        var target: BoundTarget
        var type: StaticType
    }

    var flowName: String
    /// Nil only in a flow that failed validation (which never runs).
    var callee: SubflowCallee?
    var inputs: [Input]
    var outputs: [Output]
    /// The element's own slot when it stores the called flow's outputs automatically.
    var autoOutput: Int?
    var next: Int?
    var faultNext: Int?
}

extension ValidationRun {
    /// Finds the called flow in the flows folder and checks the call against its variables: each
    /// input names an input variable, each output an output variable, and the types agree.
    /// A flow that is not in the folder is something the flow needs from outside (`needs.subflow`);
    /// a call that leads back to a flow already being called is a cycle.
    mutating func compile(_ call: SubflowElement, name: String) -> CompiledSubflow {
        let inputValues = call.inputs.map { ($0, bind($0.value)) }
        let outputTargets = call.outputs.map { ($0, resolveTarget($0.target, at: $0.targetLocation)) }
        var compiled = CompiledSubflow(
            flowName: call.flowName, callee: nil, inputs: [], outputs: [],
            autoOutput: call.storeOutputAutomatically ? slotsByName[name.lowercased()] : nil,
            next: target(of: call.connector), faultNext: target(of: call.faultConnector))
        let chain = callers + [flow.name.lowercased()]
        if let first = chain.firstIndex(of: call.flowName.lowercased()) {
            let names = Array(chain[first...]) + [call.flowName]
            diagnostics.append(
                .error(
                    "validate.subflowCycle",
                    "calling '\(call.flowName)' here makes a cycle of subflows (\(names.joined(separator: " → "))); a flow must not call itself, directly or through others",
                    at: call.flowNameLocation))
            return compiled
        }
        guard let flows else {
            diagnostics.append(
                .error(
                    "needs.subflow",
                    "needs the flow '\(call.flowName)' as a subflow, and no flows folder was given to find it in",
                    at: call.flowNameLocation))
            return compiled
        }
        let callee: ValidatedFlow
        switch flows.lookup(call.flowName, callers: chain) {
        case .missing(let searched):
            diagnostics.append(
                .error(
                    "needs.subflow",
                    "needs the flow '\(call.flowName)' as a subflow, which is not in \(searched.joined(separator: ", ")) (looked for \(call.flowName).flow-meta.xml, .flow and .xml; --flows DIR names another folder)",
                    at: call.flowNameLocation))
            return compiled
        case .invalid(let path, _, let found):
            let errors = found.filter { $0.severity == .error }
            let id = errors.allSatisfy { $0.id.hasPrefix("needs.") } ? "needs.subflow" : "validate.invalidSubflow"
            let first = errors.first.map { ": \($0.location.line):\($0.location.column): \($0.message)" } ?? ""
            let what = id == "needs.subflow" ? "needs what it calls" : "has \(errors.count) error\(errors.count == 1 ? "" : "s")"
            diagnostics.append(
                .error(
                    id, "subflow '\(call.flowName)' (\(path)) \(what)\(first); run flowrun check on it",
                    at: call.flowNameLocation))
            return compiled
        case .found(let flow):
            callee = flow
        }
        compiled.callee = SubflowCallee(callee)
        let inputNames = callee.inputVariables.map(\.name)
        var given = Set<String>()
        for (input, value) in inputValues {
            guard let variable = callee.inputVariables.first(where: { $0.name.caseInsensitiveCompare(input.name) == .orderedSame }) else {
                let hint = Suggestion.closest(to: input.name, in: inputNames).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error(
                        "validate.unknownSubflowVariable",
                        "flow '\(call.flowName)' has no input variable '\(input.name)'\(hint) (inputs: \(inputNames.isEmpty ? "none" : inputNames.joined(separator: ", ")))",
                        at: input.location))
                continue
            }
            guard given.insert(variable.name.lowercased()).inserted else {
                diagnostics.append(.error("validate.duplicateSubflowInput", "input '\(input.name)' is given twice", at: input.location))
                continue
            }
            let wanted = StaticType(dataType: variable.dataType, isCollection: variable.isCollection, objectType: variable.objectType)
            var literal: FlowValue?
            if case .literal(let constant)? = value { literal = constant }
            let actual = staticType(of: value)
            if value != nil, !isAssignable(actual, to: wanted, literal: literal) {
                let what = literal.map { "\"\($0.displayText)\"" } ?? "a \(actual.description)"
                mismatch(
                    "input '\(variable.name)' of flow '\(call.flowName)' is a \(wanted.description), but it is given \(what)",
                    at: input.value?.location ?? input.location)
            }
            compiled.inputs.append(.init(variable: variable.name, value: value))
        }
        let outputNames = callee.outputVariables.map(\.name)
        for (output, resolved) in outputTargets {
            guard let variable = callee.outputVariables.first(where: { $0.name.caseInsensitiveCompare(output.name) == .orderedSame }) else {
                let hint = Suggestion.closest(to: output.name, in: outputNames).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error(
                        "validate.unknownSubflowVariable",
                        "flow '\(call.flowName)' has no output variable '\(output.name)'\(hint) (outputs: \(outputNames.isEmpty ? "none" : outputNames.joined(separator: ", ")))",
                        at: output.location))
                continue
            }
            guard let (target, type) = resolved else { continue }
            let produced = StaticType(dataType: variable.dataType, isCollection: variable.isCollection, objectType: variable.objectType)
            if !isAssignable(produced, to: type) {
                mismatch(
                    "output '\(variable.name)' of flow '\(call.flowName)' is a \(produced.description), but '\(output.target)' is a \(type.description)",
                    at: output.targetLocation)
            }
            compiled.outputs.append(.init(variable: variable.name, target: target, type: type))
        }
        return compiled
    }
}
