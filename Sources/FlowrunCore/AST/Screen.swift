/// `<screens>`: a page of fields the person running the flow reads and fills in.
public struct ScreenElement: Sendable {
    public var fields: [ScreenField]
    public var allowBack: Bool
    public var allowFinish: Bool
    public var allowPause: Bool
    public var helpText: String?
    public var connector: Connector?
    /// Screen actions and the triggers that run them (see `ScreenActions.swift`).
    public var actions: [Action] = []
    public var triggers: [Trigger] = []
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
        /// A Lightning component (`ComponentInstance`): answered through its parameters.
        case component(extensionName: String)
        /// A field of a record variable (`ObjectProvided`, `objectFieldReference`).
        case objectField(ReferencePath)
    }

    /// `<visibilityRule>`: the field shows only while these conditions hold.
    public struct VisibilityRule: Sendable {
        public var logic: ConditionLogicSpec?
        public var conditions: [Condition]
        public var location: SourceLocation
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
    public var visibility: VisibilityRule? = nil
    /// A component's `<inputParameters>` (what it is given to show).
    public var inputParameters: [InputBinding] = []
    /// A component's `<outputParameters>` (what it answers, and where that is stored).
    public var outputParameters: [OutputBinding] = []
    /// A component whose outputs are kept under its own name (`{!Field.output}`).
    public var storeOutputAutomatically: Bool = false
    public var scale: Int? = nil

    /// True when the field takes input (and so is a resource flows can read).
    public var isInput: Bool {
        switch kind {
        case .displayText, .component, .objectField: false
        default: true
        }
    }

    /// The data type of the value the field holds.
    public var dataType: FlowDataType {
        switch kind {
        case .input(let type): type
        case .displayText, .password, .largeText, .component, .objectField: .string
        case .choice(let multiple): multiple ? .multipicklist : .string
        }
    }
}
