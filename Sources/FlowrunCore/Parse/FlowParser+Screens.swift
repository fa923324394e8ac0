extension FlowParser {
    mutating func parseScreen(_ node: XMLElement_) -> ScreenElement {
        ScreenElement(
            fields: node.children("fields").flatMap { parseScreenFields($0) },
            allowBack: node.childText("allowBack").map { $0 == "true" } ?? true,
            allowFinish: node.childText("allowFinish").map { $0 == "true" } ?? true,
            allowPause: bool(node, "allowPause"), helpText: node.childText("helpText"),
            connector: connector(node, "connector"))
    }

    /// One `<fields>` entry; regions and sections contribute the fields inside them.
    private mutating func parseScreenFields(_ node: XMLElement_) -> [ScreenField] {
        guard let name = requiredText(node, "name"), let fieldType = requiredText(node, "fieldType") else { return [] }
        let kind: ScreenField.Kind
        switch fieldType {
        case "DisplayText": kind = .displayText(node.child("fieldText")?.text ?? "")
        case "InputField": kind = .input(dataType(node) ?? .string)
        case "PasswordField": kind = .password
        case "LargeTextArea": kind = .largeText
        case "RadioButtons", "DropdownBox": kind = .choice(multiple: false)
        case "MultiSelectCheckboxes", "MultiSelectPicklist": kind = .choice(multiple: true)
        case "RegionContainer", "Region":
            return node.children("fields").flatMap { parseScreenFields($0) }
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
        return [
            ScreenField(
                name: name, kind: kind, fieldType: fieldType, label: label, helpText: node.childText("helpText"),
                isRequired: bool(node, "isRequired"), defaultValue: value(node.child("defaultValue")),
                validationRule: rule, choiceReferences: node.children("choiceReferences").map(\.trimmedText),
                location: node.location)
        ]
    }
}
