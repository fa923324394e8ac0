extension ValidationRun {
    /// Binds a plug-in call and checks it against the plug-in's `describe()`: the plug-in exists,
    /// every input it requires is given, every parameter named exists, and types agree.
    mutating func compile(_ call: PluginCallElement, name: String) -> CompiledElement.Kind {
        let inputValues = call.inputs.map { ($0, bind($0.value)) }
        let outputTargets = call.outputs.map { ($0, resolveTarget($0.target, at: $0.targetLocation)) }
        let next = target(of: call.connector)
        let faultNext = target(of: call.faultConnector)
        let autoOutput = call.storeOutputAutomatically ? slotsByName[name.lowercased()] : nil
        let elementKind = call.isActionCall ? "action" : "plug-in"

        guard let plugin = actionPlugin(for: call) else {
            let hint = Suggestion.closest(to: call.pluginName, in: plugins.names).map { "; did you mean '\($0)'?" }
            let registered = plugins.names.isEmpty ? "none" : plugins.names.joined(separator: ", ")
            if call.isActionCall {
                let inputs = call.inputs.map(\.name).joined(separator: ", ")
                diagnostics.append(
                    .error(
                        "needs.action",
                        "needs the \(call.actionType ?? "invocable") action '\(call.pluginName)'\(hint ?? ""), which no registered plug-in provides (inputs: \(inputs.isEmpty ? "none" : inputs))",
                        at: call.pluginNameLocation))
            } else {
                diagnostics.append(
                    .error(
                        "validate.unknownPlugin",
                        "no plug-in is registered for apexClass '\(call.pluginName)'\(hint ?? "") (registered: \(registered))",
                        at: call.pluginNameLocation))
            }
            return .pluginCall(
                CompiledPluginCall(
                    pluginName: call.pluginName, plugin: MissingPlugin(), description: MissingPlugin().describe(), inputs: [],
                    outputs: [], autoOutput: autoOutput, next: next, faultNext: faultNext))
        }

        let description = plugin.describe()
        var inputs: [PluginInputBinding] = []
        var given = Set<String>()
        for (input, value) in inputValues {
            guard let parameter = description.input(named: input.name) else {
                let hint = Suggestion.closest(to: input.name, in: description.inputs.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error(
                        "validate.unknownPluginParameter",
                        "\(elementKind) '\(call.pluginName)' has no input '\(input.name)'\(hint)", at: input.location))
                continue
            }
            guard given.insert(parameter.name.lowercased()).inserted else {
                diagnostics.append(
                    .error("validate.duplicatePluginInput", "input '\(input.name)' is given twice", at: input.location))
                continue
            }
            let wanted = StaticType(dataType: parameter.type.flowDataType, isCollection: parameter.isCollection)
            var literal: FlowValue?
            if case .literal(let constant)? = value { literal = constant }
            let actual = staticType(of: value)
            if value != nil, !isAssignable(actual, to: wanted, literal: literal) {
                let what = literal.map { "\"\($0.displayText)\"" } ?? "a \(actual.description)"
                mismatch(
                    "input '\(parameter.name)' of '\(call.pluginName)' is \(parameter.type.rawValue), but it is given \(what)",
                    at: input.value?.location ?? input.location)
            }
            // What a flow hands to a secret input (the code the user typed, a TOTP secret read
            // from a record) is masked from here on, like a secret output.
            if parameter.isSecret, case .slot(let slot, let fields)? = value, fields.isEmpty { resources[slot].isSecret = true }
            inputs.append(PluginInputBinding(parameter: parameter, value: value))
        }
        for parameter in description.inputs where parameter.required && !given.contains(parameter.name.lowercased()) {
            diagnostics.append(
                .error(
                    "validate.missingPluginInput",
                    "\(elementKind) '\(call.pluginName)' requires the input '\(parameter.name)' (\(parameter.type.rawValue)), which this call does not give",
                    at: call.pluginNameLocation))
        }

        var outputs: [PluginOutputBinding] = []
        for (output, resolved) in outputTargets {
            guard let parameter = description.output(named: output.name) else {
                let hint = Suggestion.closest(to: output.name, in: description.outputs.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error(
                        "validate.unknownPluginParameter",
                        "\(elementKind) '\(call.pluginName)' has no output '\(output.name)'\(hint)", at: output.location))
                continue
            }
            guard let (target, type) = resolved else { continue }
            if !isAssignable(StaticType(dataType: parameter.type.flowDataType, isCollection: parameter.isCollection), to: type) {
                mismatch(
                    "output '\(parameter.name)' is \(parameter.type.rawValue), but '\(output.target)' is a \(type.description)",
                    at: output.targetLocation)
            }
            if parameter.isSecret, fieldsAreEmpty(target) { resources[target.slot].isSecret = true }
            outputs.append(PluginOutputBinding(parameter: parameter, target: target, type: type))
        }
        return .pluginCall(
            CompiledPluginCall(
                pluginName: call.pluginName, plugin: plugin, description: description, inputs: inputs, outputs: outputs,
                autoOutput: autoOutput, next: next, faultNext: faultNext))
    }

    private func fieldsAreEmpty(_ target: BoundTarget) -> Bool { target.fields.isEmpty }
}

/// Stands in for a plug-in that is not registered, only inside a flow that failed validation
/// (which is never run).
private struct MissingPlugin: FlowPlugin {
    struct NotRegistered: Error {}

    func describe() -> PluginDescription {
        PluginDescription(name: "missing", tag: "", description: "", inputs: [], outputs: [])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        throw NotRegistered()
    }
}
