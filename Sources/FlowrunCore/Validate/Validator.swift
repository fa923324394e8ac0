/// Checks a parsed `Flow` and compiles it into a `ValidatedFlow`, collecting every problem:
/// undefined references, connectors to nowhere, type mismatches, unknown plug-ins and parameters
/// (against each plug-in's `describe()`), formula syntax errors, unreachable elements.
public struct Validator: Sendable {
    public var plugins: PluginRegistry
    /// Where subflows are found; nil when there is no folder to look in.
    public var flows: FlowLibrary?
    /// The org settings `$Label`, `$Setup`, … come from.
    public var settings: OrgSettings
    /// The project's object metadata: fields a flow writes or filters that it does not declare are
    /// warned about, and the validated flow refuses values it declares another type for.
    public var metadata: ObjectMetadata
    /// The flows (lowercased API names) whose checking led to this one, to find subflow cycles.
    var callers: [String] = []

    public init(
        plugins: PluginRegistry = PluginRegistry(), flows: FlowLibrary? = nil, settings: OrgSettings? = nil,
        metadata: ObjectMetadata? = nil
    ) {
        self.plugins = plugins
        self.flows = flows
        self.settings = settings ?? flows?.settings ?? OrgSettings()
        self.metadata = metadata ?? flows?.metadata ?? ObjectMetadata()
    }

    init(plugins: PluginRegistry, flows: FlowLibrary?, settings: OrgSettings, metadata: ObjectMetadata, callers: [String]) {
        self.init(plugins: plugins, flows: flows, settings: settings, metadata: metadata)
        self.callers = callers
    }

    /// The validated flow (nil when there are errors) and every diagnostic, sorted by location.
    public func validate(_ flow: Flow) -> (ValidatedFlow?, [Diagnostic]) {
        var run = ValidationRun(flow: flow, plugins: plugins)
        run.flows = flows
        run.settings = settings
        run.metadata = metadata
        run.callers = callers
        let validated = run.validate()
        return (validated, run.diagnostics.sortedByLocation())
    }
}

/// The state of one validation: what has been declared so far and what was found wrong.
struct ValidationRun {
    let flow: Flow
    let plugins: PluginRegistry
    var flows: FlowLibrary?
    var settings = OrgSettings()
    var metadata = ObjectMetadata()
    var callers: [String] = []
    var diagnostics: [Diagnostic] = []
    var resources: [Resource] = []
    var slotsByName: [String: Int] = [:]
    var elementIndex: [String: Int] = [:]
    /// Where each name was first declared, for duplicate-name messages.
    var declaredAt: [String: SourceLocation] = [:]
    /// The first field read of each slot that has fields read (`Email.value` reads `value`), for screen components.
    var fieldsRead: [Int: Set<String>] = [:]
    /// References that may pass through parent records (`$Record.Account.Name`).
    var relatedRecordPaths: Set<RelatedRecordPath> = []
    /// Loops compiled so far: each loop's number, the place of its cursor in an interview.
    var loopCount = 0

    init(flow: Flow, plugins: PluginRegistry) {
        self.flow = flow
        self.plugins = plugins
    }

    mutating func validate() -> ValidatedFlow? {
        declareElements()
        declareResources()
        compileResources()
        var elements = flow.elements.map { compile($0) }
        attachComponentOutputs(&elements)
        propagateSecrets(through: elements)
        let start = resolveStart()
        let trigger = flow.start.flatMap { compileTrigger($0) }
        let scheduled = flow.start?.trigger?.scheduledPaths.compactMap { elementIndex[$0.connector?.target.lowercased() ?? ""] } ?? []
        // Paths through elements flowrun could not read are unknown, so reachability would mislead.
        if let start, flow.unsupportedNames.isEmpty { reportUnreachable(elements, from: [start] + scheduled) }
        guard !diagnostics.hasErrors else { return nil }
        var validated = ValidatedFlow(
            flow: flow, diagnostics: diagnostics.sortedByLocation(), resources: resources, elements: elements,
            startIndex: start, slotsByName: slotsByName)
        validated.settings = settings
        validated.metadata = metadata
        validated.trigger = trigger
        validated.relatedRecordPaths = Array(relatedRecordPaths)
        validated.lockedObjects = ValidatedFlow.objectsWritten(by: elements, resources: resources)
        return validated
    }

    // MARK: - Names

    /// Records `name` as declared at `location`; a second declaration is an error.
    mutating func declare(_ name: String, at location: SourceLocation) -> Bool {
        let key = name.lowercased()
        if let first = declaredAt[key] {
            diagnostics.append(
                .error(
                    "validate.duplicateName",
                    "'\(name)' is already the name of something else in this flow (line \(first.line)); names must be unique",
                    at: location))
            return false
        }
        declaredAt[key] = location
        return true
    }

    @discardableResult
    mutating func addResource(_ resource: Resource, at location: SourceLocation) -> Int? {
        guard declare(resource.name, at: location) else { return nil }
        resources.append(resource)
        slotsByName[resource.name.lowercased()] = resources.count - 1
        return resources.count - 1
    }

    private mutating func declareElements() {
        for (index, element) in flow.elements.enumerated() {
            guard declare(element.name, at: element.location) else { continue }
            elementIndex[element.name.lowercased()] = index
        }
    }

    private mutating func declareResources() {
        for variable in flow.variables {
            addResource(
                Resource(
                    name: variable.name, kind: .variable(default: nil),
                    type: StaticType(
                        dataType: variable.dataType, isCollection: variable.isCollection, objectType: variable.objectType,
                        scale: variable.dataType.isNumeric ? variable.scale : nil),
                    isInput: variable.isInput, isOutput: variable.isOutput), at: variable.location)
        }
        for constant in flow.constants {
            addResource(
                Resource(name: constant.name, kind: .constant(.null), type: StaticType(dataType: constant.dataType)),
                at: constant.location)
        }
        for formula in flow.formulas {
            addResource(
                Resource(
                    name: formula.name, kind: .pending,
                    type: StaticType(dataType: formula.dataType)), at: formula.location)
        }
        for template in flow.textTemplates {
            addResource(
                Resource(name: template.name, kind: .pending, type: StaticType(dataType: .string)),
                at: template.location)
        }
        for choice in flow.choices {
            addResource(
                Resource(name: choice.name, kind: .choice(label: choice.label, value: nil), type: StaticType(dataType: choice.dataType)),
                at: choice.location)
        }
        declareStagesAndChoiceSets()
        declareDecisionOutcomes()
        if let object = flow.start?.object {
            for name in ["$Record", "$Record__Prior"] {
                resources.append(
                    Resource(name: name, kind: .triggerRecord, type: StaticType(dataType: .sObject, objectType: object)))
                slotsByName[name.lowercased()] = resources.count - 1
            }
        }
        for element in flow.elements {
            declareOutputs(of: element)
        }
    }

    /// Screen input fields and automatically stored outputs are resources named after their element or field.
    private mutating func declareOutputs(of element: FlowElement) {
        switch element.kind {
        case .screen(let screen):
            declareComponentOutputs(of: screen)
            declareScreenActions(of: screen)
            for field in screen.fields where field.isInput {
                addResource(
                    Resource(
                        name: field.name, kind: .screenField, type: StaticType(dataType: field.dataType),
                        isSecret: field.kind == .password), at: field.location)
            }
        case .recordLookup(let lookup) where lookup.storeOutputAutomatically:
            resources.append(
                Resource(
                    name: element.name, kind: .elementOutput,
                    type: StaticType(dataType: .sObject, isCollection: !lookup.getFirstRecordOnly, objectType: lookup.object)))
            slotsByName[element.name.lowercased()] = resources.count - 1
        case .recordCreate(let create) where create.storeOutputAutomatically:
            resources.append(Resource(name: element.name, kind: .elementOutput, type: StaticType(dataType: .string)))
            slotsByName[element.name.lowercased()] = resources.count - 1
        case .loop:
            // Since API 55 a loop without an item variable is itself the current item: {!Loop.Field}.
            resources.append(Resource(name: element.name, kind: .elementOutput, type: .unknown))
            slotsByName[element.name.lowercased()] = resources.count - 1
        case .pluginCall(let call) where call.storeOutputAutomatically:
            resources.append(Resource(name: element.name, kind: .elementOutput, type: .unknown))
            slotsByName[element.name.lowercased()] = resources.count - 1
        case .subflow(let call) where call.storeOutputAutomatically:
            resources.append(Resource(name: element.name, kind: .elementOutput, type: .unknown))
            slotsByName[element.name.lowercased()] = resources.count - 1
        default:
            declareDataOutput(of: element)
        }
    }

    // MARK: - Start and reachability

    private mutating func resolveStart() -> Int? {
        guard let start = flow.start else {
            diagnostics.append(
                .error(
                    "validate.noStart",
                    "the flow has no <start> element (or <startElementReference>), so nothing would run; add one that connects to the first element",
                    at: flow.location))
            return nil
        }
        guard let connector = start.connector else {
            if !flow.elements.isEmpty {
                diagnostics.append(
                    .warning(
                        "validate.startNotConnected", "<start> connects to nothing, so no element will run",
                        at: start.location))
            }
            return nil
        }
        return target(of: connector)
    }

    /// The element index a connector goes to; an unknown target is an error with a suggestion.
    mutating func target(of connector: Connector?) -> Int? {
        guard let connector else { return nil }
        if let index = elementIndex[connector.target.lowercased()] { return index }
        if flow.unsupportedNames.contains(connector.target.lowercased()) { return nil }
        let hint = Suggestion.closest(to: connector.target, in: flow.elements.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        diagnostics.append(
            .error(
                "validate.unknownConnectorTarget",
                "connector goes to '\(connector.target)', which is not an element of this flow\(hint)",
                at: connector.location))
        return nil
    }

    private mutating func reportUnreachable(_ elements: [CompiledElement], from roots: [Int]) {
        var reached = Set(roots)
        var pending = roots
        while let index = pending.popLast() {
            for next in elements[index].successors where reached.insert(next).inserted {
                pending.append(next)
            }
        }
        for (index, element) in elements.enumerated() where !reached.contains(index) {
            diagnostics.append(
                .warning(
                    "validate.unreachableElement", "'\(element.name)' can never run: no path from the start leads to it",
                    at: element.location))
        }
    }
}
