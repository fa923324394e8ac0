extension Execution {
    /// Describes a screen for a front-end: display text rendered, inputs with their current values.
    func prompt(
        for screen: CompiledScreen, in element: CompiledElement, answers: [String: FlowValue]?, errors: [String: String]
    ) -> ScreenPrompt {
        let fields = screen.fields.map { field -> ScreenFieldPrompt in
            let declaration = field.declaration
            let secret = field.slot.map { flow.resources[$0].isSecret } ?? false
            var value = FlowValue.null
            if secret {
                // A code or password is typed afresh each time; it is never sent back to the screen.
            } else if let answered = answers?[declaration.name] {
                value = answered
            } else if let slot = field.slot, !interview.values[slot].isNull {
                value = interview.values[slot]
            } else if let defaultValue = field.defaultValue {
                value = (try? evaluate(defaultValue)) ?? .null
            }
            let choices = field.choices.map { slot -> ScreenFieldPrompt.Choice in
                let resource = flow.resources[slot]
                var label = resource.name
                if case .choice(let text, _) = resource.kind { label = text }
                return .init(name: resource.name, label: label, value: (try? read(slot: slot)) ?? .null)
            }
            return ScreenFieldPrompt(
                name: declaration.name, kind: Self.promptKind(declaration.kind), fieldType: declaration.fieldType,
                dataType: declaration.dataType, label: declaration.label, helpText: declaration.helpText,
                text: field.text.flatMap { try? render($0) }, isRequired: declaration.isRequired, value: value,
                choices: choices, error: errors[declaration.name], isSecret: secret)
        }
        return ScreenPrompt(
            elementName: element.name, label: screen.label, location: element.location, fields: fields,
            allowBack: screen.allowBack && interview.screenHistory.count > 1, isLastScreen: screen.next == nil,
            allowPause: screen.allowPause)
    }

    private static func promptKind(_ kind: ScreenField.Kind) -> ScreenFieldPrompt.Kind {
        switch kind {
        case .displayText: .displayText
        case .input: .input
        case .password: .password
        case .largeText: .largeText
        case .choice(let multiple): multiple ? .multiChoice : .choice
        }
    }

    /// Takes the answers to the screen the interview waits at. Each answer is converted to its
    /// field's type, required fields must be filled, and validation rules must hold; otherwise the
    /// same screen is shown again with the reasons.
    mutating func resume(answers: [String: FlowValue], action: ScreenAction) async {
        guard case .atScreen(let index) = interview.position, case .screen(let screen) = flow.elements[index].kind else {
            return
        }
        let element = flow.elements[index]
        if action == .back, screen.allowBack, interview.screenHistory.count > 1 {
            interview.screenHistory.removeLast()
            let previous = interview.screenHistory.removeLast()
            interview.position = .ready(previous)
            await run()
            return
        }
        var errors: [String: String] = [:]
        var accepted: [Int: FlowValue] = [:]
        let saved = interview.values
        for field in screen.fields {
            guard let slot = field.slot else { continue }
            let declaration = field.declaration
            let given = answers[declaration.name] ?? Self.caseInsensitive(answers, declaration.name)
            var value: FlowValue
            do {
                value = try given.map { raw throws(CoercionError) in try raw.coerced(to: declaration.dataType) }
                    ?? interview.values[slot]
            } catch {
                errors[declaration.name] = error.description.prefix(1).uppercased() + error.description.dropFirst() + "."
                continue
            }
            if given == nil, value.isNull, let defaultValue = field.defaultValue {
                value = (try? evaluate(defaultValue)) ?? .null
            }
            if declaration.isRequired && value.isBlank {
                errors[declaration.name] = "Complete this field."
                continue
            }
            // Validation rules see the new value, and run only when there is one (as in Salesforce).
            if let rule = field.validation, !value.isBlank {
                interview.values[slot] = value
                let valid = (try? evaluate(rule.formula, at: rule.location))?.booleanValue ?? false
                if !valid {
                    errors[declaration.name] = rule.message
                    continue
                }
            }
            accepted[slot] = value
        }
        interview.values = saved
        guard errors.isEmpty else {
            interview.status = .screen(prompt(for: screen, in: element, answers: answers, errors: errors))
            return
        }
        for (slot, value) in accepted { interview.values[slot] = value }
        interview.status = .running
        interview.position = .ready(screen.next)
        await run()
    }

    private static func caseInsensitive(_ answers: [String: FlowValue], _ name: String) -> FlowValue? {
        answers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
