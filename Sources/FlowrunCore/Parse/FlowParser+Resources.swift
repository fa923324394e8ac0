extension FlowParser {
    mutating func parseVariable(_ node: XMLElement_) -> VariableDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        let type = dataType(node) ?? .string
        return VariableDecl(
            name: name, dataType: type, isCollection: bool(node, "isCollection"), isInput: bool(node, "isInput"),
            isOutput: bool(node, "isOutput"), objectType: node.childText("objectType"),
            scale: node.childText("scale").flatMap { Int($0) }, defaultValue: value(node.child("value"), as: type),
            location: node.location)
    }

    mutating func parseConstant(_ node: XMLElement_) -> ConstantDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        let type = dataType(node) ?? .string
        return ConstantDecl(name: name, dataType: type, value: value(node.child("value"), as: type), location: node.location)
    }

    mutating func parseFormula(_ node: XMLElement_) -> FormulaDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        guard let expression = node.child("expression") else {
            diagnostics.append(
                .error("parse.missingChild", "formula '\(name)' has no <expression>", at: node.location))
            return nil
        }
        return FormulaDecl(
            name: name, dataType: dataType(node) ?? .string, expression: expression.text,
            expressionLocation: expression.textLocation, scale: node.childText("scale").flatMap { Int($0) },
            location: node.location)
    }

    mutating func parseTextTemplate(_ node: XMLElement_) -> TextTemplateDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        let text = node.child("text")
        return TextTemplateDecl(
            name: name, text: text?.text ?? "", textLocation: text?.textLocation ?? node.location, location: node.location)
    }

    mutating func parseChoice(_ node: XMLElement_) -> ChoiceDecl? {
        guard let name = requiredText(node, "name") else { return nil }
        let type = dataType(node) ?? .string
        return ChoiceDecl(
            name: name, label: node.childText("choiceText") ?? name, dataType: type,
            value: value(node.child("value"), as: type), location: node.location)
    }

    // MARK: - Shared readers

    /// The trimmed text of child `name`, or an error at `node` saying it is missing.
    mutating func requiredText(_ node: XMLElement_, _ name: String) -> String? {
        if let text = node.childText(name) { return text }
        let owner = node.childText("name").map { " '\($0)'" } ?? ""
        diagnostics.append(
            .error("parse.missingChild", "<\(node.name)>\(owner) needs a <\(name)>", at: node.location))
        return nil
    }

    func bool(_ node: XMLElement_, _ name: String) -> Bool {
        node.childText(name)?.lowercased() == "true"
    }

    mutating func dataType(_ node: XMLElement_) -> FlowDataType? {
        guard let child = node.child("dataType") else { return nil }
        let text = child.trimmedText
        if let type = FlowDataType(rawValue: text) { return type }
        if let type = FlowDataType.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { return type }
        diagnostics.append(
            .error(
                "parse.unknownDataType",
                "unknown data type '\(text)'; expected one of \(FlowDataType.allCases.map(\.rawValue).joined(separator: ", "))",
                at: child.textLocation))
        return nil
    }

    mutating func connector(_ node: XMLElement_, _ name: String) -> Connector? {
        guard let child = node.child(name) else { return nil }
        guard let target = child.child("targetReference") else {
            diagnostics.append(
                .error("parse.missingChild", "<\(name)> needs a <targetReference>", at: child.location))
            return nil
        }
        return Connector(target: target.trimmedText, location: target.textLocation)
    }
}
