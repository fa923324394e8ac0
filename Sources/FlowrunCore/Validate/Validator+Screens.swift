extension ValidationRun {
    mutating func compile(_ screen: ScreenElement, label: String?, location: SourceLocation) -> CompiledScreen {
        let fields = screen.fields.map { field -> CompiledScreen.Field in
            var text: MergeTemplate?
            if case .displayText(let raw) = field.kind {
                text = bindTemplate(raw, at: field.location)
            }
            let slot = field.isInput || field.storeOutputAutomatically ? slotsByName[field.name.lowercased()] : nil
            let defaultValue = bind(field.defaultValue)
            if let slot, field.isInput {
                checkAssignable(defaultValue, to: resources[slot].type, name: field.name, at: field.defaultValue?.location)
            }
            var validation: ValidationCheck?
            if let rule = field.validationRule, let formula = bindFormula(rule.formula, at: rule.formulaLocation) {
                validation = ValidationCheck(formula: formula, location: rule.formulaLocation, message: rule.errorMessage)
            }
            var choices: [Int] = []
            var choiceSets: [CompiledChoiceSet] = []
            for choice in field.choiceReferences {
                if let set = flow.dynamicChoiceSets.first(where: { $0.name.lowercased() == choice.lowercased() }) {
                    choiceSets.append(compile(set))
                    continue
                }
                guard let index = slotsByName[choice.lowercased()], case .choice = resources[index].kind else {
                    let names = flow.choices.map(\.name) + flow.dynamicChoiceSets.map(\.name)
                    let hint = Suggestion.closest(to: choice, in: names).map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.append(
                        .error(
                            "validate.undefinedReference",
                            "field '\(field.name)' offers the choice '\(choice)', which is not defined\(hint)",
                            at: field.location))
                    continue
                }
                choices.append(index)
            }
            var compiled = CompiledScreen.Field(
                declaration: field, slot: slot, text: text, defaultValue: defaultValue, validation: validation,
                choices: choices)
            compiled.choiceSets = choiceSets
            compiled.visibility = field.visibility.map { rule in
                CompiledVisibility(
                    conditions: rule.conditions.compactMap { compile($0) },
                    logic: logic(rule.logic, count: rule.conditions.count, owner: "visibility of '\(field.name)'", at: rule.location))
            }
            if case .component(let extensionName) = field.kind {
                compiled.componentInputs = field.inputParameters.map { ComponentInput(name: $0.name, value: bind($0.value)) }
                compiled.componentOutputs = field.outputParameters.compactMap { output in
                    guard let (target, type) = resolveTarget(output.target, at: output.targetLocation) else { return nil }
                    return ComponentOutput(name: output.name, target: target, type: type)
                }
                diagnostics.append(
                    .warning(
                        "needs.screenComponent",
                        "screen component '\(extensionName)' (field '\(field.name)') is answered by the front-end through its output parameters",
                        at: field.location))
            }
            if case .objectField(let reference) = field.kind {
                compiled.recordField = resolveTarget(reference, at: field.location)?.0
            }
            return compiled
        }
        var compiled = CompiledScreen(
            label: label, fields: fields, allowBack: screen.allowBack, allowFinish: screen.allowFinish,
            allowPause: screen.allowPause, next: target(of: screen.connector))
        if let label, label.contains("{!") { compiled.labelTemplate = bindLabel(label, at: location) }
        (compiled.actions, compiled.triggers) = compileScreenActions(screen)
        return compiled
    }

    /// A screen's label as a template. The parser keeps no position for the label itself, so an
    /// unknown name is reported at the screen element, not at a guessed column inside it.
    private mutating func bindLabel(_ text: String, at location: SourceLocation) -> MergeTemplate {
        var parts: [MergeTemplate.Part] = []
        for piece in MergeFieldScanner.scan(text) {
            switch piece {
            case .text(let literal): parts.append(.text(literal))
            case .reference(let reference, _):
                if let bound = resolve(ReferencePath(parsing: reference), at: location) { parts.append(.value(bound)) }
            }
        }
        return MergeTemplate(parts: parts)
    }

    private mutating func compile(_ set: DynamicChoiceSetDecl) -> CompiledChoiceSet {
        var outputs: [FieldOutput] = []
        for assignment in set.outputAssignments {
            guard let reference = assignment.reference else { continue }
            if let (target, type) = resolveTarget(reference, at: assignment.location) {
                outputs.append(FieldOutput(field: assignment.field, target: target, type: type))
            }
        }
        return CompiledChoiceSet(
            name: set.name, slot: slotsByName[set.name.lowercased()], dataType: set.dataType, source: set.source,
            filters: compile(set.filters), logic: filterLogic(set.filterLogic, count: set.filters.count, owner: "'\(set.name)' filters"),
            sort: set.sortField.map { RecordSort(field: $0, ascending: set.sortAscending) }, limit: set.limit, outputs: outputs)
    }

    /// Screen components that keep their outputs under their own name are resources of no fixed type.
    mutating func declareComponentOutputs(of screen: ScreenElement) {
        for field in screen.fields where field.storeOutputAutomatically {
            guard case .component = field.kind else { continue }
            addResource(Resource(name: field.name, kind: .screenField, type: .unknown), at: field.location)
        }
    }

    /// Gives each auto-stored component the output names the flow reads from it (`{!Email.value}`),
    /// so front-ends know what to ask.
    func attachComponentOutputs(_ elements: inout [CompiledElement]) {
        for index in elements.indices {
            guard case .screen(var screen) = elements[index].kind else { continue }
            var changed = false
            for fieldIndex in screen.fields.indices {
                let field = screen.fields[fieldIndex]
                guard case .component = field.declaration.kind, field.declaration.storeOutputAutomatically,
                    let slot = field.slot, let read = fieldsRead[slot]
                else { continue }
                let declared = Set(field.componentOutputs.map { $0.name.lowercased() })
                for name in read.sorted() where !declared.contains(name.lowercased()) {
                    screen.fields[fieldIndex].componentOutputs.append(ComponentOutput(name: name, target: nil, type: .unknown))
                }
                changed = true
            }
            if changed { elements[index].kind = .screen(screen) }
        }
    }
}
