extension ValidationRun {
    mutating func compile(_ screen: ScreenElement, label: String?) -> CompiledScreen {
        let fields = screen.fields.map { field -> CompiledScreen.Field in
            var text: MergeTemplate?
            if case .displayText(let raw) = field.kind {
                text = bindTemplate(raw, at: field.location)
            }
            let slot = field.isInput ? slotsByName[field.name.lowercased()] : nil
            let defaultValue = bind(field.defaultValue)
            if let slot {
                checkAssignable(defaultValue, to: resources[slot].type, name: field.name, at: field.defaultValue?.location)
            }
            var validation: ValidationCheck?
            if let rule = field.validationRule, let formula = bindFormula(rule.formula, at: rule.formulaLocation) {
                validation = ValidationCheck(formula: formula, location: rule.formulaLocation, message: rule.errorMessage)
            }
            var choices: [Int] = []
            for choice in field.choiceReferences {
                guard let index = slotsByName[choice.lowercased()], case .choice = resources[index].kind else {
                    let hint = Suggestion.closest(to: choice, in: flow.choices.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.append(
                        .error(
                            "validate.undefinedReference", "field '\(field.name)' offers the choice '\(choice)', which is not defined\(hint)",
                            at: field.location))
                    continue
                }
                choices.append(index)
            }
            return CompiledScreen.Field(
                declaration: field, slot: slot, text: text, defaultValue: defaultValue, validation: validation,
                choices: choices)
        }
        return CompiledScreen(
            label: label, fields: fields, allowBack: screen.allowBack, allowFinish: screen.allowFinish,
            allowPause: screen.allowPause, next: target(of: screen.connector))
    }
}
