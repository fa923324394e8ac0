/// A flow that passed validation: every name resolved to a slot or an element index, every
/// plug-in bound, every formula parsed. The only thing `Interpreter` runs.
///
/// Immutable and `Sendable`: one validated flow serves any number of concurrent interviews.
public struct ValidatedFlow: Sendable {
    public let flow: Flow
    /// Warnings found while checking (errors make validation fail).
    public let diagnostics: [Diagnostic]
    let resources: [Resource]
    let elements: [CompiledElement]
    let startIndex: Int?
    let slotsByName: [String: Int]
    /// The formula resources compiled, by slot (`Execution.read(slot:)` evaluates them).
    let formulaPrograms: FormulaPrograms
    /// The elements that never wait, lowered for running (`LoweredFlow`).
    let lowered: LoweredFlow
    /// What a stored interview's names must line up with (`FlowLayout.swift`).
    let layoutFingerprint: String
    /// The org settings it was checked with; `$Label`, `$Setup`, … read them.
    var settings = OrgSettings()
    /// The project's object metadata it was checked with; record writes are checked against it.
    public internal(set) var metadata = ObjectMetadata()
    /// The trigger of a record-triggered, scheduled or platform-event flow.
    var trigger: CompiledTrigger?
    /// References that may pass through parent records, read before each element runs.
    var relatedRecordPaths: [RelatedRecordPath] = []
    /// The objects (lowercased) whose rows a Get Records locks: see `ValidatedFlow+Locking`.
    var lockedObjects: ObjectSet = .some([])

    init(
        flow: Flow, diagnostics: [Diagnostic], resources: [Resource], elements: [CompiledElement], startIndex: Int?,
        slotsByName: [String: Int]
    ) {
        self.flow = flow
        self.diagnostics = diagnostics
        self.resources = resources
        self.elements = elements
        self.startIndex = startIndex
        self.slotsByName = slotsByName
        self.formulaPrograms = FormulaPrograms(resources)
        self.lowered = LoweredFlow(resources: resources, elements: elements)
        self.layoutFingerprint = Self.layoutFingerprint(resources: resources, elements: elements)
    }

    public var name: String { flow.name }

    /// The variables a caller may set when starting an interview.
    public var inputVariables: [VariableDecl] { flow.variables.filter(\.isInput) }

    /// The variables whose values an interview reports when it finishes.
    public var outputVariables: [VariableDecl] { flow.variables.filter(\.isOutput) }

    /// The names of the elements, in document order (for coverage and traces).
    public var elementNames: [String] { elements.map(\.name) }

    func slot(named name: String) -> Int? { slotsByName[name.lowercased()] }
}

/// The static type of a resource or reference, as far as it is known.
struct StaticType: Sendable, Hashable {
    var dataType: FlowDataType?
    var isCollection: Bool = false
    var objectType: String?
    /// Digits kept after the decimal point when a Number or Currency is stored (`<scale>`).
    var scale: Int? = nil

    static let unknown = StaticType(dataType: nil)
}

/// A named value slot of an interview: a variable, constant, formula, template, screen field,
/// choice, or an element's automatically stored output.
struct Resource: Sendable {
    enum Kind: Sendable {
        case variable(default: BoundExpression?)
        case constant(FlowValue)
        case formula(Formula, scale: Int?)
        case textTemplate(MergeTemplate)
        case screenField
        case choice(label: String, value: BoundExpression?)
        case elementOutput
        /// `$Record` / `$Record__Prior` of a record-triggered flow.
        case triggerRecord
        /// Declared but not compiled yet; exists only while validating.
        case pending
    }

    var name: String
    var kind: Kind
    var type: StaticType
    var isInput: Bool = false
    var isOutput: Bool = false
    /// Holds a credential or a one-time code: traces and logs mask it.
    var isSecret: Bool = false

    /// True for resources whose value is computed on each read rather than stored.
    var isComputed: Bool {
        switch kind {
        case .formula, .textTemplate, .constant, .choice: true
        default: false
        }
    }
}

/// A value source with every name resolved.
indirect enum BoundExpression: Sendable, Hashable {
    case literal(FlowValue)
    case slot(Int, fields: [String])
    case global(GlobalReference, fields: [String])
    case formula(Formula, location: SourceLocation)
    case template(MergeTemplate)
}

extension BoundExpression {
    /// A blank text value on a condition's right side: `{!$GlobalConstant.EmptyString}` itself, or
    /// a value left blank (`<stringValue></stringValue>`, null). Equals and Does Not Equal against
    /// it test for blank text (see `Execution.compare`).
    var isBlankTextValue: Bool {
        switch self {
        case .global(.emptyString, let fields): fields.isEmpty
        case .literal(.null): true
        default: false
        }
    }
}

/// A `$`-global a flow reads.
enum GlobalReference: Sendable, Hashable {
    case currentDate, currentDateTime, faultMessage, interviewGuid, interviewStartTime, currentStage, activeStages
    case currentRecord
    case constantTrue, constantFalse, emptyString
    case originDateTime
    case user
    /// `$Label`, `$Setup`, `$Organization`, …: values from outside, null until configured.
    case external(String)
}

/// Where an assignment writes: a slot, or a field of the record in a slot.
struct BoundTarget: Sendable, Hashable {
    var slot: Int
    var fields: [String]
}

/// Text with `{!merge}` fields resolved.
struct MergeTemplate: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case value(BoundExpression)
    }

    var parts: [Part]
}

extension ValidatedFlow {
    /// True when the resource holds a credential or one-time code (it receives a plug-in output
    /// declared secret, or is a password field): front-ends and traces must mask it.
    public func isSecret(_ name: String) -> Bool {
        slot(named: name).map { resources[$0].isSecret } ?? false
    }
}
