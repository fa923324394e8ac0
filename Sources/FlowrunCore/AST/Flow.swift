/// A flow as written: the AST that `FlowParser` builds from Flow metadata XML.
///
/// Immutable and `Sendable`; nothing here is resolved yet. `Validator` turns it into a
/// `ValidatedFlow`, the only thing the interpreter runs.
public struct Flow: Sendable {
    /// The file it came from, as given on the command line.
    public var path: String
    /// The flow's API name: the file name without `.flow-meta.xml` / `.flow` / `.xml`.
    public var name: String
    public var label: String?
    public var processType: String?
    public var apiVersion: String?
    public var status: String?
    public var location: SourceLocation
    public var start: StartNode?
    public var variables: [VariableDecl] = []
    public var constants: [ConstantDecl] = []
    public var formulas: [FormulaDecl] = []
    public var textTemplates: [TextTemplateDecl] = []
    public var choices: [ChoiceDecl] = []
    public var dynamicChoiceSets: [DynamicChoiceSetDecl] = []
    public var stages: [StageDecl] = []
    /// The executable elements, in document order.
    public var elements: [FlowElement] = []
    /// The file's text, so positions inside expressions can be found.
    public var source: SourceText?
    /// Names of elements and screen fields flowrun could not read (already reported), so that
    /// references and connectors to them are not reported again as unknown.
    public var unsupportedNames: Set<String> = []
    /// Orchestration steps (lowered to subflow calls), whose outputs are read as `Step.Outputs.X`.
    public var orchestrationStepNames: Set<String> = []

    public init(path: String, name: String, location: SourceLocation) {
        self.path = path
        self.name = name
        self.location = location
    }

    /// True for flows Salesforce runs at login (`<processType>LoginFlow</processType>`).
    public var isLoginFlow: Bool { processType == "LoginFlow" }
}

/// Where a flow begins: `<start>` (with its trigger, for record-triggered flows) or the older
/// `<startElementReference>`.
public struct StartNode: Sendable {
    public var connector: Connector?
    public var triggerType: String?
    public var object: String?
    public var location: SourceLocation
    /// Entry conditions, trigger kind and scheduled paths (see `FlowParser+Start`).
    public var trigger: TriggerSpec?

    public init(connector: Connector?, triggerType: String? = nil, object: String? = nil, location: SourceLocation) {
        self.connector = connector
        self.triggerType = triggerType
        self.object = object
        self.location = location
    }
}

/// An edge to another element (`<connector><targetReference>…`).
public struct Connector: Sendable, Hashable {
    public var target: String
    public var location: SourceLocation

    public init(target: String, location: SourceLocation) {
        self.target = target
        self.location = location
    }
}
