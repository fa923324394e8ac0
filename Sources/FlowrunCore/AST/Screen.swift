/// `<screens>`: a page of fields the person running the flow reads and fills in.
public struct ScreenElement: Sendable {
    public var fields: [ScreenField]
    public var allowBack: Bool
    public var allowFinish: Bool
    public var allowPause: Bool
    public var helpText: String?
    public var connector: Connector?
}

/// One field on a screen.
public struct ScreenField: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Text (with `{!merge}` fields) shown to the reader.
        case displayText(String)
        /// An input of a data type.
        case input(FlowDataType)
        /// An input whose characters are hidden.
        case password
        /// A long text input.
        case largeText
        /// A single choice among `choiceReferences` (radio buttons, dropdown).
        case choice(multiple: Bool)
    }

    /// A formula that must be true for the value to be accepted, and what to say when it is not.
    public struct ValidationRule: Sendable {
        public var formula: String
        public var formulaLocation: SourceLocation
        public var errorMessage: String
    }

    public var name: String
    public var kind: Kind
    /// `fieldType` as written, for messages and front-ends.
    public var fieldType: String
    public var label: String?
    public var helpText: String?
    public var isRequired: Bool
    public var defaultValue: Expression?
    public var validationRule: ValidationRule?
    public var choiceReferences: [String]
    public var location: SourceLocation

    /// True when the field takes input (and so is a resource flows can read).
    public var isInput: Bool {
        if case .displayText = kind { return false }
        return true
    }

    /// The data type of the value the field holds.
    public var dataType: FlowDataType {
        switch kind {
        case .input(let type): type
        case .displayText, .password, .largeText: .string
        case .choice(let multiple): multiple ? .multipicklist : .string
        }
    }
}
