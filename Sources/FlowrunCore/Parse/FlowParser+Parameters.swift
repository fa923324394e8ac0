extension FlowParser {
    /// `<inputParameters>{name, value}` entries (or another tag of that shape, such as a subflow's
    /// `<inputAssignments>`), in document order.
    mutating func parameterInputs(_ node: XMLElement_, tag: String = "inputParameters") -> [InputBinding] {
        node.children(tag).compactMap { input in
            guard let name = requiredText(input, "name") else { return nil }
            return InputBinding(
                name: name, value: value(input.child("value")), location: input.child("name")?.textLocation ?? input.location)
        }
    }

    /// `<outputParameters>{name, assignToReference}` entries (or a subflow's `<outputAssignments>`).
    mutating func parameterOutputs(_ node: XMLElement_, tag: String = "outputParameters") -> [OutputBinding] {
        node.children(tag).compactMap { output in
            guard let name = requiredText(output, "name"), let target = requiredText(output, "assignToReference") else {
                return nil
            }
            return OutputBinding(
                name: name, target: ReferencePath(parsing: target), location: output.child("name")?.textLocation ?? output.location,
                targetLocation: output.child("assignToReference")?.textLocation ?? output.location)
        }
    }
}
