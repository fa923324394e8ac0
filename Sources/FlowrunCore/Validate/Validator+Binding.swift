import Foundation

extension ValidationRun {
    // MARK: - References

    /// Resolves a reference to a slot or a global; an unknown name is an error with a suggestion.
    mutating func resolve(_ path: ReferencePath, at location: SourceLocation) -> BoundExpression? {
        if path.isGlobal { return resolveGlobal(path, at: location) }
        guard let slot = slotsByName[path.head.lowercased()] else {
            if flow.unsupportedNames.contains(path.head.lowercased()) { return nil }
            if elementIndex[path.head.lowercased()] != nil {
                diagnostics.append(
                    .error(
                        "validate.elementNotResource",
                        "'\(path.head)' is an element that stores no value; reference a variable or turn on its automatic output",
                        at: location))
                return nil
            }
            let hint = Suggestion.closest(to: path.head, in: resources.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(
                .error(
                    "validate.undefinedReference", "'\(path.head)' is not defined in this flow\(hint)", at: location))
            return nil
        }
        let resource = resources[slot]
        if !path.fields.isEmpty, let type = resource.type.dataType, type != .sObject, type != .apex,
            !resource.type.isCollection
        {
            diagnostics.append(
                .error(
                    "validate.notARecord",
                    "'\(resource.name)' is a \(type.rawValue), which has no field '\(path.fields.joined(separator: "."))'",
                    at: location))
            return nil
        }
        var path = path
        if flow.orchestrationStepNames.contains(path.head.lowercased()), path.fields.first?.lowercased() == "outputs" {
            // `Step.Outputs.X` is the step flow's output X, stored on the step's own slot.
            path = ReferencePath([path.head] + path.parts.dropFirst(2))
        }
        if let field = path.fields.first { fieldsRead[slot, default: []].insert(field) }
        return noteRelatedRecords(.slot(slot, fields: Array(path.fields)))
    }

    /// Lists `bound` for the interpreter to read its parent records first, if it can reach any;
    /// `asRecord` when it stands where a record is expected (the input of a record element).
    @discardableResult
    mutating func noteRelatedRecords(_ bound: BoundExpression?, asRecord: Bool = false) -> BoundExpression? {
        if let path = RelatedRecordPath.candidate(bound, asRecord: asRecord) { relatedRecordPaths.insert(path) }
        return bound
    }

    private mutating func resolveGlobal(_ path: ReferencePath, at location: SourceLocation) -> BoundExpression? {
        let head = path.head.lowercased()
        if let stage = stageGlobal(path) { return stage }
        if head == "$record" || head == "$record__prior" {
            if let slot = slotsByName[head] { return noteRelatedRecords(.slot(slot, fields: Array(path.fields))) }
            diagnostics.append(
                .error(
                    "validate.noTriggerRecord",
                    "\(path.head) exists only in record-triggered flows (a <start> with an <object>)", at: location))
            return nil
        }
        guard let (global, fields) = GlobalReference.resolve(path) else {
            diagnostics.append(
                .error("validate.unknownGlobal", "'\(path)' is not a global variable flowrun knows", at: location))
            return nil
        }
        if case .external(let name) = global, !settings.defines(name.lowercased(), fields) {
            diagnostics.append(
                .warning(
                    "needs.global",
                    settings.isKnown
                        ? "\(path) is not in the settings file (\(OrgSettings.defaultFileName) or --settings); it reads as null"
                        : "\(path) comes from the org's settings; give them in \(OrgSettings.defaultFileName) beside the flow or with --settings, or it reads as null",
                    at: location))
        }
        return noteRelatedRecords(.global(global, fields: fields))
    }

    /// Resolves an assignment target: a variable, screen field or stored output (or a field of one).
    mutating func resolveTarget(_ path: ReferencePath, at location: SourceLocation) -> (BoundTarget, StaticType)? {
        guard case .slot(let slot, let fields)? = resolve(path, at: location) else {
            if path.isGlobal {
                diagnostics.append(.error("validate.readOnly", "\(path) cannot be assigned to", at: location))
            }
            return nil
        }
        let resource = resources[slot]
        switch resource.kind {
        case .variable, .screenField, .elementOutput, .triggerRecord:
            let type = fields.isEmpty ? resource.type : .unknown
            return (BoundTarget(slot: slot, fields: fields), type)
        default:
            diagnostics.append(
                .error(
                    "validate.readOnly",
                    "'\(resource.name)' is a \(resource.kindDescription) and cannot be assigned to; assign to a variable",
                    at: location))
            return nil
        }
    }

    // MARK: - Expressions

    mutating func bind(_ expression: Expression?) -> BoundExpression? {
        guard let expression else { return nil }
        switch expression.kind {
        case .literal(let value, _): return .literal(value)
        case .reference(let path): return resolve(path, at: expression.location)
        case .formula(let text): return bindFormula(text, at: expression.location).map { .formula($0, location: expression.location) }
        case .template(let text): return .template(bindTemplate(text, at: expression.location))
        }
    }

    /// Parses a formula, reports syntax errors inside it and functions a flow may not call, and
    /// binds its references to slots. `entryCondition`: the formula is a record-triggered flow's
    /// entry condition (`<filterFormula>`), the one place PRIORVALUE is allowed.
    mutating func bindFormula(_ text: String, at location: SourceLocation, entryCondition: Bool = false) -> Formula? {
        let formula: Formula
        do {
            formula = try Formula.parse(text)
        } catch {
            let at = position(in: text, line: error.line, column: error.column, from: location)
            if error.isUnsupportedFunction {
                diagnostics.append(
                    .error(
                        "validate.unsupportedFunction",
                        "formula: \(error.message) (Salesforce Help, Flow Formula Considerations); Salesforce will not save the flow",
                        at: at))
            } else {
                diagnostics.append(.error("validate.formulaSyntax", "formula: \(error.message)", at: at))
            }
            return nil
        }
        reportRefusedFunctions(in: formula, at: location, entryCondition: entryCondition)
        var slots: [ReferencePath: Int] = [:]
        for reference in formula.references {
            if case .slot(let slot, _)? = resolve(reference, at: location) { slots[reference] = slot }
        }
        return formula.binding { slots[$0] }
    }

    mutating func bindTemplate(_ text: String, at location: SourceLocation) -> MergeTemplate {
        var parts: [MergeTemplate.Part] = []
        for piece in MergeFieldScanner.scan(text) {
            switch piece {
            case .text(let literal): parts.append(.text(literal))
            case .reference(let reference, let offset):
                let at = position(in: text, offset: offset, from: location)
                if let bound = resolve(ReferencePath(parsing: reference), at: at) {
                    parts.append(.value(bound))
                }
            }
        }
        return MergeTemplate(parts: parts)
    }

    /// The file position of character `offset` of `text`, an element's text starting at `start`.
    func position(in text: String, offset: Int, from start: SourceLocation) -> SourceLocation {
        if let source = flow.source { return source.location(afterDecoded: offset, from: start) }
        return start.advanced(byColumns: offset)
    }

    /// The file position of a 1-based line and column inside `text`.
    func position(in text: String, line: Int, column: Int, from start: SourceLocation) -> SourceLocation {
        var offset = 0
        var currentLine = 1
        for character in text {
            if currentLine >= line { break }
            offset += 1
            if character == "\n" { currentLine += 1 }
        }
        return position(in: text, offset: offset + max(column - 1, 0), from: start)
    }

    // MARK: - Types

    /// What is known statically about the type of a bound expression.
    func staticType(of expression: BoundExpression?) -> StaticType {
        guard let expression else { return .unknown }
        switch expression {
        case .literal(let value): return StaticType(literal: value)
        case .slot(let slot, let fields): return fields.isEmpty ? resources[slot].type : .unknown
        case .global(let global, let fields):
            guard fields.isEmpty else { return .unknown }
            switch global {
            case .currentDate: return StaticType(dataType: .date)
            case .currentDateTime, .interviewStartTime, .originDateTime: return StaticType(dataType: .dateTime)
            case .faultMessage, .interviewGuid, .currentStage, .emptyString: return StaticType(dataType: .string)
            case .constantTrue, .constantFalse: return StaticType(dataType: .boolean)
            case .activeStages: return StaticType(dataType: .string, isCollection: true)
            case .currentRecord, .user, .external: return .unknown
            }
        case .formula(let formula, _):
            return StaticType(
                dataType: formula.inferredType { reference in
                    guard let slot = slotsByName[reference.head.lowercased()], reference.fields.isEmpty else { return nil }
                    return resources[slot].type.isCollection ? nil : resources[slot].type.dataType
                })
        case .template: return StaticType(dataType: .string)
        }
    }

    /// Whether a value of type `source` (or the literal `literal`) may be stored where `target` is declared.
    func isAssignable(_ source: StaticType, to target: StaticType, literal: FlowValue? = nil) -> Bool {
        guard let targetType = target.dataType else { return true }
        if case .null? = literal { return true }
        // Text written in the XML may stand for another type ("42" for a Number); other literals keep their kind.
        if case .string? = literal, !target.isCollection {
            return (try? literal?.coerced(to: targetType)) != nil
        }
        guard let sourceType = source.dataType else { return true }
        if source.isCollection != target.isCollection { return false }
        switch targetType {
        case .string, .picklist, .multipicklist: return sourceType != .sObject && sourceType != .apex
        case .number, .currency: return sourceType.isNumeric
        case .boolean: return sourceType == .boolean
        case .date, .dateTime: return sourceType == .date || sourceType == .dateTime
        case .time: return sourceType == .time
        case .sObject:
            guard sourceType == .sObject else { return false }
            guard let a = source.objectType, let b = target.objectType else { return true }
            return a.lowercased() == b.lowercased()
        case .apex: return sourceType == .apex
        }
    }
}

extension StaticType {
    init(literal: FlowValue) {
        switch literal {
        case .string: self.init(dataType: .string)
        case .number: self.init(dataType: .number)
        case .boolean: self.init(dataType: .boolean)
        case .date: self.init(dataType: .date)
        case .dateTime: self.init(dataType: .dateTime)
        case .time: self.init(dataType: .time)
        case .record(let record): self.init(dataType: .sObject, objectType: record.objectType)
        case .collection, .null: self.init(dataType: nil)
        }
    }

    /// `Text`, `Number collection`, `User record`: for messages.
    var description: String {
        var text: String
        switch dataType {
        case nil: text = "value"
        case .string?: text = "Text"
        case .sObject?: text = (objectType ?? "SObject") + " record"
        case let type?: text = type.rawValue
        }
        if isCollection { text += " collection" }
        return text
    }
}

extension Resource {
    var kindDescription: String {
        switch kind {
        case .variable: "variable"
        case .constant: "constant"
        case .formula: "formula"
        case .textTemplate: "text template"
        case .screenField: "screen field"
        case .choice: "choice"
        case .elementOutput: "element output"
        case .triggerRecord: "trigger record"
        case .pending: "resource"
        }
    }
}
