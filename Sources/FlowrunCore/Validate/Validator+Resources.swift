extension ValidationRun {
    /// Binds what resources compute from: variable defaults, constants, formulas, templates, choices.
    mutating func compileResources() {
        for variable in flow.variables {
            guard let slot = slotsByName[variable.name.lowercased()], case .variable = resources[slot].kind else { continue }
            let bound = bind(variable.defaultValue)
            checkAssignable(bound, to: resources[slot].type, name: variable.name, at: variable.defaultValue?.location)
            resources[slot].kind = .variable(default: bound)
        }
        for constant in flow.constants {
            guard let slot = slotsByName[constant.name.lowercased()], case .constant = resources[slot].kind else { continue }
            var value = FlowValue.null
            if case .literal(let literal, _)? = constant.value?.kind {
                do {
                    value = try literal.coerced(to: constant.dataType)
                } catch {
                    diagnostics.append(
                        .error(
                            "validate.typeMismatch", "constant '\(constant.name)': \(error.description)",
                            at: constant.value?.location ?? constant.location))
                }
            }
            resources[slot].kind = .constant(value)
        }
        for formula in flow.formulas {
            guard let slot = slotsByName[formula.name.lowercased()], case .pending = resources[slot].kind,
                let compiled = bindFormula(formula.expression, at: formula.expressionLocation)
            else { continue }
            resources[slot].kind = .formula(compiled, scale: formula.scale)
        }
        for template in flow.textTemplates {
            guard let slot = slotsByName[template.name.lowercased()], case .pending = resources[slot].kind else { continue }
            resources[slot].kind = .textTemplate(bindTemplate(template.text, at: template.textLocation))
        }
        for choice in flow.choices {
            guard let slot = slotsByName[choice.name.lowercased()], case .choice = resources[slot].kind else { continue }
            resources[slot].kind = .choice(label: choice.label, value: bind(choice.value))
        }
    }

    /// Reports a value that cannot be stored in a resource of type `target`.
    mutating func checkAssignable(_ value: BoundExpression?, to target: StaticType, name: String, at location: SourceLocation?) {
        guard let value, let location else { return }
        var literal: FlowValue?
        if case .literal(let constant) = value { literal = constant }
        let source = staticType(of: value)
        guard !isAssignable(source, to: target, literal: literal) else { return }
        let what = literal.map { "the value \"\($0.displayText)\"" } ?? "a \(source.description)"
        diagnostics.append(
            .error(
                "validate.typeMismatch", "'\(name)' is a \(target.description) and cannot hold \(what)", at: location))
    }
}
