/// A screen waiting for answers, described as data so any front-end can show it:
/// a terminal, a test script, a web page.
public struct ScreenPrompt: Sendable, Codable, Hashable {
    public var elementName: String
    public var label: String?
    public var location: SourceLocation
    public var fields: [ScreenFieldPrompt]
    public var allowBack: Bool
    /// False when the screen has a next element: its button says Next, not Finish.
    public var isLastScreen: Bool
    public var allowPause: Bool

    /// True when some field has an error to show (the answers were refused).
    public var hasErrors: Bool { fields.contains { $0.error != nil } }
}

/// One field of a `ScreenPrompt`.
public struct ScreenFieldPrompt: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case displayText, input, password, largeText, choice, multiChoice
        /// A Lightning component: front-ends answer each of `outputParameters` (as
        /// `"Field.parameter"` answers) and may show `inputParameters`.
        case component
    }

    public struct Choice: Sendable, Codable, Hashable {
        public var name: String
        public var label: String
        public var value: FlowValue
    }

    public var name: String
    public var kind: Kind
    public var fieldType: String
    public var dataType: FlowDataType
    public var label: String?
    public var helpText: String?
    /// For display text: the text with merge fields filled in (may contain HTML), for front-ends
    /// that show plain text.
    public var text: String?
    /// For display text as HTML: the flow author's markup as written, with every value merged into
    /// it escaped as text, so what a user typed (`<a href=…>`) shows as typed and never becomes
    /// markup. Front-ends that show HTML sanitise this, never `text`.
    public var html: String? = nil
    public var isRequired: Bool
    /// The current value: a previous answer, or the default.
    public var value: FlowValue
    public var choices: [Choice]
    /// Why the last answer was refused, if it was.
    public var error: String?
    /// The field holds a password or one-time code: front-ends hide it and never show it back.
    public var isSecret: Bool
    /// For components: the Lightning component (`flowruntime:email`, `c:datatable`).
    public var extensionName: String? = nil
    /// For components: the values the flow gives it, by parameter name.
    public var inputParameters: [String: FlowValue] = [:]
    /// For components: the parameters it answers, in order; each has a current value in `outputValues`.
    public var outputParameters: [String] = []
    public var outputValues: [String: FlowValue] = [:]
    /// For Number and Currency inputs: digits after the decimal point.
    public var scale: Int? = nil
    /// Events of this field the screen listens to (its triggers run screen actions): a front-end
    /// raises one by answering `"Field.event"` with true (`"Find.click": true`).
    public var events: [String] = []

    /// True when the field takes an answer.
    public var isInput: Bool { kind != .displayText && (kind != .component || !outputParameters.isEmpty) }
}

/// How a person leaves a screen.
public enum ScreenAction: String, Sendable, Codable {
    case next, back, finish
}
