import Foundation

/// Builds a `Flow` from Flow metadata XML, collecting every problem instead of stopping at the first.
///
/// Layout-only children (`locationX`, `processMetadataValues`, …) are read and ignored. An element
/// kind that Salesforce has but flowrun does not run yet is an error at its location, never a crash
/// and never silently skipped; a tag Salesforce does not have is a warning.
public struct FlowParser {
    var diagnostics: [Diagnostic] = []
    let path: String
    /// Screen fields of kinds flowrun cannot show yet, by lowercased name.
    var unsupportedFieldNames: Set<String> = []

    /// Parses the file at `path` (read from disk).
    public static func parse(contentsOf path: String) -> (Flow?, [Diagnostic]) {
        let location = SourceLocation(file: path, line: 1, column: 1)
        guard let bytes = fileBytes(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let message =
                !exists ? "no such file; check the path" : (isDirectory.boolValue ? "is a directory, not a flow file" : "cannot be read (permissions?)")
            return (nil, [.error("file.unreadable", message, at: location)])
        }
        return parse(bytes, path: path)
    }

    /// The bytes of the file at `path`, read once into an array (through `Data` they were copied
    /// once more; the flow keeps them for its diagnostics).
    static func fileBytes(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        guard status.st_mode & S_IFMT == S_IFREG else {
            // Pipes and devices have no size up front; directories are reported by the caller.
            guard status.st_mode & S_IFMT != S_IFDIR else { return nil }
            return FileManager.default.contents(atPath: path).map { Array($0) }
        }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let got = read(descriptor, base + count, size - count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
            complete = count == size
        }
        return complete ? bytes : FileManager.default.contents(atPath: path).map { Array($0) }
    }

    /// Parses `bytes` as the contents of the flow file `path`.
    public static func parse(_ bytes: [UInt8], path: String) -> (Flow?, [Diagnostic]) {
        switch LibXMLReader.parse(bytes, path: path) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let tree):
            var parser = FlowParser(path: path)
            var flow = parser.parseFlow(tree.root)
            flow?.source = tree.source
            return (flow, parser.diagnostics)
        }
    }

    init(path: String) { self.path = path }

    /// The flow's API name from its file name.
    static func flowName(fromPath path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".flow-meta.xml", ".flow", ".xml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    mutating func parseFlow(_ root: XMLElement_) -> Flow? {
        guard root.name == "Flow" else {
            diagnostics.append(
                .error(
                    "parse.wrongRoot",
                    "expected a <Flow> root element (Salesforce Flow metadata), found <\(root.name)>", at: root.location))
            return nil
        }
        var flow = Flow(path: path, name: Self.flowName(fromPath: path), location: root.location)
        for child in root.children {
            parseTopLevel(child, into: &flow)
        }
        flow.unsupportedNames.formUnion(unsupportedFieldNames)
        return flow
    }

    private mutating func parseTopLevel(_ node: XMLElement_, into flow: inout Flow) {
        switch node.name {
        case "label": flow.label = node.trimmedText
        case "processType": flow.processType = node.trimmedText
        case "apiVersion": flow.apiVersion = node.trimmedText
        case "status": flow.status = node.trimmedText
        case "start": flow.start = parseStart(node)
        case "startElementReference":
            flow.start = StartNode(
                connector: Connector(target: node.trimmedText, location: node.textLocation), location: node.location)
        case "variables": if let variable = parseVariable(node) { flow.variables.append(variable) }
        case "constants": if let constant = parseConstant(node) { flow.constants.append(constant) }
        case "formulas": if let formula = parseFormula(node) { flow.formulas.append(formula) }
        case "textTemplates": if let template = parseTextTemplate(node) { flow.textTemplates.append(template) }
        case "choices": if let choice = parseChoice(node) { flow.choices.append(choice) }
        case "orchestratedStages", "steppedStages": parseOrchestratedStage(node, into: &flow)
        case "stages": if let stage = parseStage(node) { flow.stages.append(stage) }
        case "dynamicChoiceSets": if let set = parseDynamicChoiceSet(node) { flow.dynamicChoiceSets.append(set) }
        case "assignments", "decisions", "recordLookups", "recordCreates", "recordUpdates", "apexPluginCalls",
            "actionCalls", "screens", "loops", "collectionProcessors", "recordDeletes", "recordRollbacks", "customErrors",
            "transforms", "waits", "subflows":
            if let element = parseElement(node) { flow.elements.append(element) }
        case _ where Self.ignoredTopLevel.contains(node.name):
            break
        case _ where Self.unsupportedElementKinds.contains(node.name):
            if let name = node.childText("name") { flow.unsupportedNames.insert(name.lowercased()) }
            let name = node.childText("name").map { " '\($0)'" } ?? ""
            diagnostics.append(
                .error(
                    "parse.unsupportedElement",
                    "flowrun cannot run <\(node.name)> elements yet\(name); remove it or run the flow in Salesforce",
                    at: node.location))
        default:
            diagnostics.append(
                .warning("parse.unknownTag", "<\(node.name)> is not part of Flow metadata; ignored", at: node.location))
        }
    }

    /// Flow-level metadata that has no run-time meaning here.
    static let ignoredTopLevel: Set<String> = [
        "description", "interviewLabel", "processMetadataValues", "runInMode", "environments", "isTemplate",
        "areMetricsLoggedToDataCloud", "fullName", "isAdditionalPermissionRequiredToRun", "migratedFromWorkflowRuleName",
        "triggerOrder", "sourceTemplate", "timeZoneSidKey", "customProperties", "isOverridable", "overriddenFlow",
        "capabilityTypes", "apexClass", "locationX", "locationY",
    ]

    /// Element kinds of Salesforce Flow metadata that flowrun does not run yet.
    static let unsupportedElementKinds: Set<String> = [
        "steps", "actionCallsAsync", "exitRules", "customRules",
    ]
}
