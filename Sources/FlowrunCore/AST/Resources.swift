/// `<variables>`: a named, typed value the flow reads and writes.
public struct VariableDecl: Sendable {
    public var name: String
    public var dataType: FlowDataType
    public var isCollection: Bool
    public var isInput: Bool
    public var isOutput: Bool
    /// For SObject variables: the object type (`User`).
    public var objectType: String?
    public var scale: Int?
    public var defaultValue: Expression?
    public var location: SourceLocation

    public init(
        name: String, dataType: FlowDataType, isCollection: Bool = false, isInput: Bool = false,
        isOutput: Bool = false, objectType: String? = nil, scale: Int? = nil, defaultValue: Expression? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.dataType = dataType
        self.isCollection = isCollection
        self.isInput = isInput
        self.isOutput = isOutput
        self.objectType = objectType
        self.scale = scale
        self.defaultValue = defaultValue
        self.location = location
    }
}

/// `<constants>`: a named literal.
public struct ConstantDecl: Sendable {
    public var name: String
    public var dataType: FlowDataType
    public var value: Expression?
    public var location: SourceLocation

    public init(name: String, dataType: FlowDataType, value: Expression?, location: SourceLocation) {
        self.name = name
        self.dataType = dataType
        self.value = value
        self.location = location
    }
}

/// `<formulas>`: a named expression, evaluated each time it is read.
public struct FormulaDecl: Sendable {
    public var name: String
    public var dataType: FlowDataType
    public var expression: String
    /// Where the expression's text starts, so errors point inside it.
    public var expressionLocation: SourceLocation
    public var scale: Int?
    public var location: SourceLocation

    public init(
        name: String, dataType: FlowDataType, expression: String, expressionLocation: SourceLocation, scale: Int?,
        location: SourceLocation
    ) {
        self.name = name
        self.dataType = dataType
        self.expression = expression
        self.expressionLocation = expressionLocation
        self.scale = scale
        self.location = location
    }
}

/// `<textTemplates>`: text with `{!merge}` fields, rendered each time it is read.
public struct TextTemplateDecl: Sendable {
    public var name: String
    public var text: String
    public var textLocation: SourceLocation
    public var location: SourceLocation

    public init(name: String, text: String, textLocation: SourceLocation, location: SourceLocation) {
        self.name = name
        self.text = text
        self.textLocation = textLocation
        self.location = location
    }
}

/// `<choices>`: one option a screen's choice field offers.
public struct ChoiceDecl: Sendable {
    public var name: String
    public var label: String
    public var dataType: FlowDataType
    public var value: Expression?
    public var location: SourceLocation

    public init(name: String, label: String, dataType: FlowDataType, value: Expression?, location: SourceLocation) {
        self.name = name
        self.label = label
        self.dataType = dataType
        self.value = value
        self.location = location
    }
}
