extension Execution {
    /// Calls a plug-in with its inputs converted to the declared types, and stores its outputs.
    /// A plug-in that throws, or returns a value of the wrong type, fails the element.
    mutating func call(_ call: CompiledPluginCall, in element: CompiledElement) async throws {
        var inputs: [String: FlowValue] = [:]
        for input in call.inputs {
            let value = try evaluate(input.value)
            inputs[input.parameter.name] = try Self.coerce(
                value, to: StaticType(dataType: input.parameter.type.flowDataType, isCollection: input.parameter.isCollection),
                name: "input \(input.parameter.name)")
        }
        var context = PluginContext(
            clock: interview.clockShift == 0 ? services.clock : ShiftedClock(base: services.clock, shift: interview.clockShift),
            random: services.random, console: services.console, logger: services.logger,
            elementName: element.name, records: records)
        let result: PluginResult
        if call.description.callsOut {
            // A callout never runs inside a database transaction: what ran before it commits, it
            // runs holding no lock (a slow vendor would block every other interview), and the
            // flow goes on in a new transaction. Salesforce refuses a callout while uncommitted
            // work is pending; this is the flow's "new transaction" for the action.
            context.records = services.records
            result = try await outsideTransaction { [context] in
                try await call.plugin.invoke(PluginRequest(inputs: inputs), context: context)
            }
        } else {
            result = try await call.plugin.invoke(PluginRequest(inputs: inputs), context: context)
        }
        for output in call.outputs {
            let value = result.outputs[output.parameter.name] ?? Self.caseInsensitive(result.outputs, output.parameter.name)
            let declared = try Self.coerce(
                value, to: StaticType(dataType: output.parameter.type.flowDataType, isCollection: output.parameter.isCollection),
                name: "\(call.pluginName) output \(output.parameter.name)")
            let name = flow.resources[output.target.slot].name
            write(try Self.coerce(declared, to: output.type, name: name), to: output.target)
        }
        if let slot = call.autoOutput {
            write(.record(FlowRecord(fields: result.outputs)), to: BoundTarget(slot: slot, fields: []))
        }
        report(
            .pluginCall(
                element: element.name, plugin: call.pluginName,
                inputs: call.inputs.map { input in
                    .init(
                        name: input.parameter.name,
                        value: traceText(inputs[input.parameter.name] ?? .null, secret: input.parameter.isSecret || isSecret(input.value)))
                },
                outputs: call.description.outputs.map { parameter in
                    .init(name: parameter.name, value: traceText(result.outputs[parameter.name] ?? .null, secret: parameter.isSecret))
                }))
    }

    private static func caseInsensitive(_ outputs: [String: FlowValue], _ name: String) -> FlowValue {
        outputs.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value ?? .null
    }
}
