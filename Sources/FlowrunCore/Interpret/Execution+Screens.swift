extension Execution {
    /// Describes a screen for a front-end: display text rendered, inputs with their current values,
    /// components with their parameters; fields whose visibility rule does not hold are left out.
    func prompt(
        for screen: CompiledScreen, in element: CompiledElement, answers: [String: FlowValue]?, errors: [String: String]
    ) -> ScreenPrompt {
        let fields = screen.fields.filter { isVisible($0) }.map { field -> ScreenFieldPrompt in
            let declaration = field.declaration
            let secret = field.slot.map { flow.resources[$0].isSecret } ?? false
            var value = FlowValue.null
            if secret {
                // A code or password is typed afresh each time; it is never sent back to the screen.
            } else if let answered = answers?[declaration.name] {
                value = answered
            } else if let current = storedValue(of: field), !current.isNull {
                value = current
            } else if let defaultValue = field.defaultValue {
                value = (try? evaluate(defaultValue)) ?? .null
            }
            let choices = offeredChoices(of: field)
            var prompt = ScreenFieldPrompt(
                name: declaration.name, kind: Self.promptKind(declaration.kind), fieldType: declaration.fieldType,
                dataType: declaration.dataType, label: declaration.label, helpText: declaration.helpText,
                text: field.text.flatMap { try? render($0) }, isRequired: declaration.isRequired, value: value,
                choices: choices, error: errors[declaration.name], isSecret: secret)
            prompt.scale = declaration.scale
            prompt.html = field.text.flatMap { try? renderHTML($0) }
            prompt.events = screen.triggers.filter { $0.eventSource.caseInsensitiveCompare(declaration.name) == .orderedSame }.map(
                \.eventName)
            if case .component(let extensionName) = declaration.kind {
                prompt.extensionName = extensionName
                // Exports mark every component required; what that means is the component's own business.
                prompt.isRequired = false
                for input in field.componentInputs { prompt.inputParameters[input.name] = (try? evaluate(input.value)) ?? .null }
                prompt.outputParameters = field.componentOutputs.map(\.name)
                for output in field.componentOutputs {
                    prompt.outputValues[output.name] =
                        answers?[declaration.name + "." + output.name] ?? currentOutput(output, of: field)
                }
            }
            return prompt
        }
        return ScreenPrompt(
            elementName: element.name, label: screen.labelTemplate.flatMap { try? render($0) } ?? screen.label,
            location: element.location, fields: fields,
            allowBack: screen.allowBack && interview.screenHistory.count > 1, isLastScreen: screen.next == nil,
            allowPause: screen.allowPause)
    }

    private static func promptKind(_ kind: ScreenField.Kind) -> ScreenFieldPrompt.Kind {
        switch kind {
        case .displayText: .displayText
        case .input, .objectField: .input
        case .password: .password
        case .largeText: .largeText
        case .choice(let multiple): multiple ? .multiChoice : .choice
        case .component: .component
        }
    }

    /// The choices a choice field offers now: its choice resources, then its dynamic choice sets.
    func offeredChoices(of field: CompiledScreen.Field) -> [ScreenFieldPrompt.Choice] {
        var choices = field.choices.map { slot -> ScreenFieldPrompt.Choice in
            let resource = flow.resources[slot]
            var label = resource.name
            if case .choice(let text, _) = resource.kind { label = text }
            return .init(name: resource.name, label: label, value: (try? read(slot: slot)) ?? .null)
        }
        for set in field.choiceSets { choices += interview.offeredChoices[set.name] ?? [] }
        return choices
    }

    /// An answer to a choice field as the value of the choice it names: by value, or else by label
    /// or choice name (so a person may type what they see). Several choices are joined with ";".
    /// Nil when some part names no choice on offer.
    static func chosenValue(_ answer: FlowValue, among choices: [ScreenFieldPrompt.Choice], multiple: Bool) -> FlowValue? {
        guard !choices.isEmpty, !answer.isBlank else { return answer }
        func match(_ part: FlowValue) -> FlowValue? {
            if let choice = choices.first(where: { FlowValue.looselyEqual($0.value, part) }) { return choice.value }
            let text = part.displayText
            return choices.first { $0.label == text || $0.name.caseInsensitiveCompare(text) == .orderedSame }?.value
        }
        guard multiple else { return match(answer) }
        var values: [String] = []
        for part in answer.displayText.split(separator: ";") {
            guard let value = match(.string(String(part))) else { return nil }
            values.append(value.displayText)
        }
        return .string(values.joined(separator: ";"))
    }

    /// Whether the field's visibility rule holds now (fields without one always show).
    func isVisible(_ field: CompiledScreen.Field) -> Bool {
        guard let rule = field.visibility, !rule.conditions.isEmpty else { return true }
        return
            (try? rule.logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
                guard number >= 1, number <= rule.conditions.count else { return false }
                return try holds(rule.conditions[number - 1], lenient: true)
            }) ?? false
    }

    /// Reads the defaults the screen is about to show, so that one reading a field of a record
    /// that is not there fails the screen with Salesforce's message before it is shown.
    ///
    /// Components' inputs are left out: they are reactive, and commonly read the outputs of other
    /// components on the same screen, which are not set until someone uses them (Salesforce
    /// passes them on as empty). For the same reason a default that reads a screen component's
    /// output is not checked.
    func readDefaults(of screen: CompiledScreen, in element: CompiledElement) throws(FlowRuntimeError) {
        for field in screen.fields where isVisible(field) {
            let secret = field.slot.map { flow.resources[$0].isSecret } ?? false
            guard let defaultValue = field.defaultValue, !secret, storedValue(of: field)?.isNull ?? true else { continue }
            if case .slot(let slot, _) = defaultValue, case .screenField = flow.resources[slot].kind { continue }
            _ = try located(element) { () throws(FlowRuntimeError) in try evaluate(defaultValue) }
        }
    }

    /// What an input field holds now: its own slot, or the record field an ObjectProvided field edits.
    private func storedValue(of field: CompiledScreen.Field) -> FlowValue? {
        if let target = field.recordField { return Self.field(of: interview.values[target.slot], target.fields) }
        guard let slot = field.slot, field.declaration.isInput else { return nil }
        return interview.values[slot]
    }

    private func currentOutput(_ output: ComponentOutput, of field: CompiledScreen.Field) -> FlowValue {
        if let target = output.target { return Self.field(of: interview.values[target.slot], target.fields) }
        guard let slot = field.slot else { return .null }
        return Self.field(of: interview.values[slot], [output.name])
    }

    /// Takes the answers to the screen the interview waits at. Each answer is converted to its
    /// field's type, required fields must be filled, and validation rules must hold; otherwise the
    /// same screen is shown again with the reasons. Hidden fields are neither required nor checked.
    mutating func resume(answers: [String: FlowValue], action: ScreenAction) async {
        guard case .atScreen(let index) = interview.position, case .screen(let screen) = flow.elements[index].kind else {
            return
        }
        let element = flow.elements[index]
        do {
            // Validation rules and visibility may read parent records (`$Record.Account.Type`).
            try await loadRelatedRecords(for: element)
        } catch {
            fail(error)
            return
        }
        if action == .back, screen.allowBack, interview.screenHistory.count > 1 {
            interview.screenHistory.removeLast()
            let previous = interview.screenHistory.removeLast()
            interview.position = .ready(previous)
            await run()
            return
        }
        var errors: [String: String] = [:]
        var accepted: [(BoundTarget, FlowValue)] = []
        let saved = interview.values
        for field in screen.fields {
            // Visibility follows the answers given so far on this screen, as it does on the page.
            for (target, value) in accepted { write(value, to: target) }
            guard isVisible(field) else { continue }
            let declaration = field.declaration
            if case .component = declaration.kind {
                do throws(FlowRuntimeError) {
                    accepted += try componentAnswers(field, answers)
                } catch {
                    errors[declaration.name] = error.message
                }
                continue
            }
            guard let target = field.recordField ?? field.slot.map({ BoundTarget(slot: $0, fields: []) }) else { continue }
            var given = answers[declaration.name] ?? Self.caseInsensitive(answers, declaration.name)
            // Several choices of a multi-select field may come as a list; the field keeps them as "a;b".
            if case .choice(multiple: true) = declaration.kind, case .collection(let items)? = given {
                given = .string(items.map(\.displayText).joined(separator: ";"))
            }
            var value: FlowValue
            do {
                value =
                    try given.map { raw throws(CoercionError) in
                        // An ObjectProvided field's type is the record field's, which flowrun does not know.
                        if field.recordField != nil { return raw }
                        return try raw.coerced(to: declaration.dataType)
                    } ?? storedValue(of: field) ?? .null
            } catch {
                errors[declaration.name] = error.description.prefix(1).uppercased() + error.description.dropFirst() + "."
                continue
            }
            if case .choice(let multiple) = declaration.kind, given != nil {
                let choices = offeredChoices(of: field)
                guard let chosen = Self.chosenValue(value, among: choices, multiple: multiple) else {
                    errors[declaration.name] = "Choose from: " + choices.map(\.label).joined(separator: ", ") + "."
                    continue
                }
                value = (try? chosen.coerced(to: declaration.dataType)) ?? chosen
            }
            if given == nil, value.isNull, let defaultValue = field.defaultValue {
                value = (try? evaluate(defaultValue)) ?? .null
            }
            // A text input left empty holds "", not null: "For a text field or component placed on
            // a Screen element, the Is Null operator always evaluates to false" (Salesforce Help,
            // Global Constant Resource).
            if value.isNull, Self.holdsTextWhenEmpty(declaration.kind) { value = .string("") }
            if declaration.isRequired && value.isBlank {
                errors[declaration.name] = "Complete this field."
                continue
            }
            // Validation rules see the new value, and run only when there is one (as in Salesforce).
            if let rule = field.validation, !value.isBlank {
                write(value, to: target)
                let valid = (try? evaluate(rule.formula, at: rule.location))?.booleanValue ?? false
                if !valid {
                    errors[declaration.name] = rule.message
                    continue
                }
            }
            accepted.append((target, value))
            accepted += chosenRecordOutputs(field, value)
        }
        // Handlers' conditions read the screen as these answers leave it.
        for (target, value) in accepted { write(value, to: target) }
        let fired = firedHandlers(of: screen, answers: answers)
        if !fired.isEmpty {
            // A component raised an event (an Action Button clicked): its screen actions run and the
            // screen stays, showing their results; Next is a later submission. Nothing is validated
            // yet, as in the org, where only Next checks the screen.
            interview.values = saved
            for (target, value) in accepted { write(value, to: target) }
            for handler in fired { await runScreenAction(screen.actions[handler.action]) }
            interview.status = .screen(prompt(for: screen, in: element, answers: answers, errors: [:]))
            return
        }
        guard errors.isEmpty else {
            // The screen is shown again as it stood with these answers (fields they made visible included).
            for (target, value) in accepted { write(value, to: target) }
            let again = prompt(for: screen, in: element, answers: answers, errors: errors)
            interview.values = saved
            interview.status = .screen(again)
            return
        }
        interview.values = saved
        for (target, value) in accepted { write(value, to: target) }
        interview.status = .running
        interview.position = .ready(screen.next)
        await run()
    }

    /// A component's answers: `"Field.parameter"` keys (or a `"Field"` record of them), each
    /// converted to the type of the resource it is stored in. Unanswered outputs keep their value.
    private func componentAnswers(
        _ field: CompiledScreen.Field, _ answers: [String: FlowValue]
    ) throws(FlowRuntimeError) -> [(BoundTarget, FlowValue)] {
        let name = field.declaration.name
        let whole = (answers[name] ?? Self.caseInsensitive(answers, name))?.recordValue
        var own = field.slot.map { interview.values[$0].recordValue ?? FlowRecord() }
        var results: [(BoundTarget, FlowValue)] = []
        for output in field.componentOutputs {
            guard
                let given = answers[name + "." + output.name] ?? Self.caseInsensitive(answers, name + "." + output.name)
                    ?? (whole?.hasField(output.name) == true ? whole?[output.name] : nil)
            else { continue }
            if let target = output.target {
                let stored = try Self.coerce(given, to: output.type, name: "\(name).\(output.name)")
                results.append((target, stored))
            } else {
                own?[output.name] = given
            }
        }
        if let slot = field.slot, let own { results.append((BoundTarget(slot: slot, fields: []), .record(own))) }
        return results
    }

    /// The `outputAssignments` of a record choice set, from the record whose value was chosen.
    private func chosenRecordOutputs(_ field: CompiledScreen.Field, _ value: FlowValue) -> [(BoundTarget, FlowValue)] {
        var results: [(BoundTarget, FlowValue)] = []
        for set in field.choiceSets where !set.outputs.isEmpty {
            let offered = interview.offeredChoices[set.name] ?? []
            let records = interview.offeredRecords[set.name] ?? []
            guard let index = offered.firstIndex(where: { FlowValue.looselyEqual($0.value, value) }), index < records.count,
                case .record(let record) = records[index]
            else { continue }
            for output in set.outputs {
                results.append((output.target, (try? Self.coerce(record[output.field], to: output.type, name: output.field)) ?? .null))
            }
        }
        return results
    }

    private static func holdsTextWhenEmpty(_ kind: ScreenField.Kind) -> Bool {
        switch kind {
        case .input(.string), .password, .largeText: true
        default: false
        }
    }

    private static func caseInsensitive(_ answers: [String: FlowValue], _ name: String) -> FlowValue? {
        answers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
