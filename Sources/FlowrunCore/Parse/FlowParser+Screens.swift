extension FlowParser {
    mutating func parseScreen(_ node: XMLElement_) -> ScreenElement {
        var screen = ScreenElement(
            fields: node.children("fields").flatMap { parseScreenFields($0) },
            allowBack: node.childText("allowBack").map { $0 == "true" } ?? true,
            allowFinish: node.childText("allowFinish").map { $0 == "true" } ?? true,
            allowPause: bool(node, "allowPause"), helpText: node.childText("helpText"),
            connector: connector(node, "connector"))
        screen.actions = node.children("actions").compactMap { parseScreenAction($0) }
        screen.triggers = node.children("triggers").compactMap { parseScreenTrigger($0) }
        return screen
    }

    /// One `<fields>` entry; sections (`RegionContainer`) and their columns (`Region`) contribute
    /// the fields inside them, which inherit the container's visibility rule.
    private mutating func parseScreenFields(_ node: XMLElement_) -> [ScreenField] {
        guard let fieldType = requiredText(node, "fieldType") else { return [] }
        // ObjectProvided fields are named by the record field they edit.
        let objectField = node.childText("objectFieldReference")
        guard let name = fieldType == "ObjectProvided" ? objectField ?? node.childText("name") : requiredText(node, "name") else {
            if fieldType == "ObjectProvided" { _ = requiredText(node, "objectFieldReference") }
            return []
        }
        let visibility = node.child("visibilityRule").map { rule in
            ScreenField.VisibilityRule(
                logic: logicSpec(rule, "conditionLogic"), conditions: rule.children("conditions").compactMap { parseCondition($0) },
                location: rule.location)
        }
        let kind: ScreenField.Kind
        switch fieldType {
        case "DisplayText": kind = .displayText(node.child("fieldText")?.text ?? "")
        case "InputField": kind = .input(dataType(node) ?? .string)
        case "PasswordField": kind = .password
        case "LargeTextArea": kind = .largeText
        case "RadioButtons", "DropdownBox": kind = .choice(multiple: false)
        case "MultiSelectCheckboxes", "MultiSelectPicklist": kind = .choice(multiple: true)
        case "ComponentInstance":
            guard let extensionName = requiredText(node, "extensionName") else { return [] }
            kind = .component(extensionName: extensionName)
        case "ObjectProvided": kind = .objectField(ReferencePath(parsing: name))
        case "RegionContainer", "Region":
            return node.children("fields").flatMap { parseScreenFields($0) }.map { field in
                var field = field
                if field.visibility == nil { field.visibility = visibility }
                return field
            }
        default:
            unsupportedFieldNames.insert(name.lowercased())
            diagnostics.append(
                .error(
                    "parse.unsupportedScreenField",
                    "flowrun cannot show '\(fieldType)' screen fields yet (field '\(name)')", at: node.location))
            return []
        }
        var rule: ScreenField.ValidationRule?
        if let ruleNode = node.child("validationRule"), let formula = ruleNode.child("formulaExpression") {
            rule = .init(
                formula: formula.text, formulaLocation: formula.textLocation,
                errorMessage: ruleNode.childText("errorMessage") ?? "The value is not valid.")
        }
        let label: String? =
            if case .displayText = kind { nil } else { node.child("fieldText")?.trimmedText }
        // A choice field's preselected choice stands as its default: the user who submits the screen
        // without touching the field gives that choice's value.
        let preselected = node.child("defaultSelectedChoiceReference").map {
            Expression(.reference(ReferencePath(parsing: $0.trimmedText)), at: $0.textLocation)
        }
        var field = ScreenField(
            name: name, kind: kind, fieldType: fieldType, label: label, helpText: node.childText("helpText"),
            isRequired: bool(node, "isRequired"), defaultValue: value(node.child("defaultValue")) ?? preselected,
            validationRule: rule, choiceReferences: node.children("choiceReferences").map(\.trimmedText),
            location: node.location)
        field.visibility = visibility
        field.inputParameters = parameterInputs(node)
        field.outputParameters = parameterOutputs(node)
        field.storeOutputAutomatically = bool(node, "storeOutputAutomatically")
        field.scale = node.childText("scale").flatMap { Int($0) }
        return [field]
    }
}
