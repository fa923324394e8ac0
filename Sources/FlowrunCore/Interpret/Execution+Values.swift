import Foundation

extension Execution: FormulaEnvironment {
    /// The interview's time: the services' clock, moved on by the waits it has passed.
    var now: Date { services.clock.now().addingTimeInterval(interview.clockShift) }

    /// The zone dates are read in: the org's default for runs as the Automated Process user,
    /// otherwise the running user's (see `FlowTimeZone`).
    var timeZone: TimeZone {
        let organization = flow.settings.organization
        if runsAsAutomatedProcess || flow.triggerType == "Scheduled" { return FlowTimeZone.forOrganization(organization) }
        return FlowTimeZone.forUser(services.runningUser, organization: organization)
    }

    func value(of reference: ReferencePath, slot: Int?) throws(FormulaError) -> FlowValue {
        do {
            if let slot {
                // A plain name (the usual case) needs no look at its text.
                if reference.parts.count == 1 { return try read(slot: slot) }
                // `$Flow.CurrentStage` is a slot whose name spans two parts of the reference.
                let fields = reference.isGlobal && reference.head.lowercased() == "$flow" ? reference.fields.dropFirst() : reference.fields
                return follow(try read(slot: slot), fields)
            }
            let head = reference.head.lowercased()
            if let slot = flow.slot(named: head) { return follow(try read(slot: slot), reference.fields) }
            guard let (global, fields) = GlobalReference.resolve(reference) else {
                throw FormulaError("'\(reference)' is not defined", line: 1, column: 1)
            }
            return follow(value(of: global), fields)
        } catch let error as FormulaError {
            throw error
        } catch {
            throw FormulaError(String(describing: error), line: 1, column: 1)
        }
    }
}

extension Execution {
    /// The value of a bound expression, as an element reads it: a direct reference to a field of a
    /// record that is not there fails (see `directField`); formulas and merge fields read it as null.
    func evaluate(_ expression: BoundExpression?) throws(FlowRuntimeError) -> FlowValue {
        guard let expression else { return .null }
        switch expression {
        case .literal(let value): return value
        case .slot(let slot, let fields): return try directField(of: slot, fields)
        case .global(let global, let fields): return follow(value(of: global), fields)
        case .formula(let formula, let location):
            return try evaluate(formula, at: location)
        case .template(let template): return .string(try render(template))
        }
    }

    func evaluate(_ formula: Formula, at location: SourceLocation?) throws(FlowRuntimeError) -> FlowValue {
        try guardingDepth(at: location) { () throws(FormulaError) in try formula.evaluate(in: self) }
    }

    /// `evaluate(_:at:)` for a formula compiled once (`FormulaCompiler`): the same guard, value and error.
    func evaluate(_ program: FormulaProgram<Execution>, at location: SourceLocation?) throws(FlowRuntimeError) -> FlowValue {
        try guardingDepth(at: location) { () throws(FormulaError) in try program.evaluate(in: self) }
    }

    /// Runs one formula evaluation one level deeper, refusing formulas that refer to each other in a
    /// cycle, and reports its error as the element's.
    private func guardingDepth(
        at location: SourceLocation?, _ body: () throws(FormulaError) -> FlowValue
    ) throws(FlowRuntimeError) -> FlowValue {
        depth.current += 1
        defer { depth.current -= 1 }
        guard depth.current <= EvaluationDepth.limit else {
            throw FlowRuntimeError(.other, "formulas refer to each other in a cycle", location: location)
        }
        do {
            return try body()
        } catch {
            throw FlowRuntimeError(.typeError, "formula: \(error.message)", location: location)
        }
    }

    /// Text with merge fields filled in.
    func render(_ template: MergeTemplate) throws(FlowRuntimeError) -> String {
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let literal): text += literal
            case .value(let expression): text += try evaluateLeniently(expression).displayText
            }
        }
        return text
    }

    /// Rich text with merge fields filled in as HTML: the template's literal text is the flow
    /// author's markup and stays markup; every merged value is text and is escaped, whoever typed
    /// it. A text template merged in is the author's too, so its literal text stays markup and
    /// its own merged values are escaped the same way.
    func renderHTML(_ template: MergeTemplate) throws(FlowRuntimeError) -> String {
        var html = ""
        for part in template.parts {
            switch part {
            case .text(let literal):
                html += literal
            case .value(.slot(let slot, let fields)) where fields.isEmpty:
                if case .textTemplate(let nested) = flow.resources[slot].kind {
                    depth.current += 1
                    defer { depth.current -= 1 }
                    guard depth.current <= EvaluationDepth.limit else {
                        throw FlowRuntimeError(.other, "text templates refer to each other in a cycle")
                    }
                    html += try renderHTML(nested)
                } else {
                    html += try evaluateLeniently(.slot(slot, fields: fields)).displayText.xmlEscaped(apostrophe: "&#39;")
                }
            case .value(let expression):
                html += try evaluateLeniently(expression).displayText.xmlEscaped(apostrophe: "&#39;")
            }
        }
        return html
    }

    /// The value of a bound expression as a merge field or a visibility rule reads it: like a
    /// formula, it takes a field of a record that is not there as null.
    func evaluateLeniently(_ expression: BoundExpression?) throws(FlowRuntimeError) -> FlowValue {
        guard case .slot(let slot, let fields)? = expression else { return try evaluate(expression) }
        return follow(try read(slot: slot), fields)
    }

    /// A resource's current value; formulas and templates are computed on each read.
    func read(slot: Int) throws(FlowRuntimeError) -> FlowValue {
        switch flow.resources[slot].kind {
        case .variable, .screenField, .elementOutput, .triggerRecord, .pending:
            return interview.values[slot]
        case .constant(let value):
            return value
        case .formula(let formula, let scale):
            // The formula engine has no empty text: a Text formula that comes out empty is blank,
            // null to Is Null (see `FlowValue.savedFieldValue`, and the README's semantics section).
            // Compiled when the flow was validated; the tree-walker only for a formula that, impossibly, was not.
            let value: FlowValue
            if let program = flow.formulaPrograms[slot] {
                value = try evaluate(program, at: nil).savedFieldValue
            } else {
                value = try evaluate(formula, at: nil).savedFieldValue
            }
            let resource = flow.resources[slot]
            return try Self.coerce(value, to: resource.type, scale: scale, name: resource.name)
        case .textTemplate(let template):
            depth.current += 1
            defer { depth.current -= 1 }
            guard depth.current <= EvaluationDepth.limit else {
                throw FlowRuntimeError(.other, "text templates refer to each other in a cycle")
            }
            return .string(try render(template))
        case .choice(let label, let value):
            return value == nil ? .string(label) : try evaluate(value)
        }
    }

    func value(of global: GlobalReference) -> FlowValue {
        switch global {
        case .currentDate: .date(LocalDate(dateOf: now, in: timeZone))
        case .currentDateTime: .dateTime(now)
        case .faultMessage: interview.faultMessage.map { .string($0) } ?? .null
        case .interviewGuid: .string(interview.id)
        case .interviewStartTime: .dateTime(interview.startTime)
        case .currentStage: .null
        case .currentRecord: interview.currentRecord.map { .string($0) } ?? .null
        case .external(let name): flow.settings.value(of: name.lowercased())
        case .activeStages: .collection([])
        case .constantTrue: .boolean(true)
        case .constantFalse: .boolean(false)
        case .emptyString: .string("")
        case .originDateTime: .dateTime(LocalDate(year: 1900, month: 1, day: 1).startOfDayUTC)
        case .user: services.runningUser.map { .record($0) } ?? .null
        }
    }

    /// Follows a field path into records, as formulas and merge fields do: a field of a record
    /// that is not there is null. Parents read from the store (`loadRelatedRecords`) are followed.
    func follow(_ value: FlowValue, _ fields: some Collection<String>) -> FlowValue {
        if fields.isEmpty { return value }
        return FieldPath.follow(value, fields, parents: { relatedRecords[$0] }) ?? .null
    }

    /// `follow` for a value that is not the interview's own (a screen's stored answer, an
    /// assignment's target), where no parent records come into it.
    static func field(of value: FlowValue, _ fields: some Collection<String>) -> FlowValue {
        FieldPath.follow(value, fields) ?? .null
    }

    /// A field path read by an element directly (an element reference, a condition's left side, an
    /// input parameter, a record field value, a screen default, a loop's collection). As in
    /// Salesforce, a record along the path that is null, such as a Get Records output that found
    /// nothing or a blank lookup in `Contact.Account.Name`, fails the element (help article
    /// 000212174); a blank field of a record that is there is simply null.
    ///
    /// Two resources are exceptions, being null by design (`isNullByDesign`).
    func directField(of slot: Int, _ fields: [String]) throws(FlowRuntimeError) -> FlowValue {
        let value = try read(slot: slot)
        // The resource itself, null or not: there is no record along the path to be missing.
        if fields.isEmpty { return value }
        if value.isNull, isNullByDesign(slot) { return .null }
        guard let field = FieldPath.follow(value, fields, parents: { relatedRecords[$0] }) else {
            throw Self.unsetValue(flow.resources[slot].name, fields)
        }
        return field
    }

    /// `$Record__Prior` is null while a record is being created, and its fields then read as null
    /// so that one flow serves both creates and updates; an orchestration step that its entry
    /// conditions skipped has no outputs, which then read as null.
    private func isNullByDesign(_ slot: Int) -> Bool {
        let name = flow.resources[slot].name.lowercased()
        return name == "$record__prior" || flow.flow.orchestrationStepNames.contains(name)
    }

    /// Salesforce's fault for reading through a record that is not there, in its own words.
    static func unsetValue(_ name: String, _ fields: [String]) -> FlowRuntimeError {
        let reference = ([name] + fields).joined(separator: ".")
        return FlowRuntimeError(
            .unsetValue, "The flow failed to access the value for \(reference) because it hasn't been set or assigned.")
    }

    /// Stores `value` in a slot, or in a field of the record held there.
    mutating func write(_ value: FlowValue, to target: BoundTarget) {
        if target.fields.isEmpty {
            interview.values[target.slot] = value
            return
        }
        // Taken out of the slot while it changes, so that the record is held once and writing
        // its field changes it in place instead of copying its values.
        var container = interview.values[target.slot]
        interview.values[target.slot] = .null
        Self.set(value, at: target.fields[...], in: &container, objectType: flow.resources[target.slot].type.objectType)
        interview.values[target.slot] = container
    }

    /// Sets the field at `path` inside `container`, making records where there are none.
    private static func set(_ value: FlowValue, at path: ArraySlice<String>, in container: inout FlowValue, objectType: String?) {
        guard let field = path.first else {
            container = value
            return
        }
        var record = container.recordValue ?? FlowRecord(objectType: objectType)
        container = .null
        var inner = record[field]
        if path.count > 1 { record[field] = .null }
        set(value, at: path.dropFirst(), in: &inner, objectType: nil)
        record[field] = inner
        container = .record(record)
    }

    /// Converts a value to a resource's declared type, as storing it in that resource does.
    static func coerce(_ value: FlowValue, to type: StaticType, scale: Int? = nil, name: @autoclosure () -> String) throws(FlowRuntimeError)
        -> FlowValue
    {
        guard let dataType = type.dataType else { return value }
        let scale = scale ?? type.scale
        do {
            if type.isCollection {
                guard case .collection(let items) = value else {
                    if value.isNull { return .null }
                    throw CoercionError("expected a collection, got a \(value.kindName)")
                }
                var converted: [FlowValue] = []
                for item in items { converted.append(try item.coerced(to: dataType)) }
                return .collection(converted)
            }
            let converted = try value.coerced(to: dataType)
            if case .number(let number) = converted { return .number(keeping(number, toScale: scale)) }
            return converted
        } catch let error as CoercionError {
            throw FlowRuntimeError(.typeError, "'\(name())': \(error.description)")
        } catch {
            throw FlowRuntimeError(.typeError, "'\(name())': \(error)")
        }
    }

    /// A number stored with `scale` digits after the point, rounded half away from zero; one
    /// already within the scale is left as it is, which is what rounding it gives.
    ///
    /// The test is inlined and `layoutIsKnown` may be passed in (the lowered assignment reads it
    /// once): on every Add of a counted loop, a call and a `swift_once` were a tenth of its time.
    @inline(__always)
    static func keeping(_ number: Decimal, toScale scale: Int?, layoutIsKnown: Bool = SmallDecimal.layoutIsKnown) -> Decimal {
        guard let scale, SmallDecimal.exponent(of: number, layoutIsKnown: layoutIsKnown) < -scale else { return number }
        return rounded(number, toScale: scale)
    }

    @inline(never)
    private static func rounded(_ number: Decimal, toScale scale: Int) -> Decimal {
        var number = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &number, scale, .plain)
        return rounded
    }

    /// Converts one item for a collection of `type`, as `coerce` converts each item of a
    /// collection (and with the same message when it cannot).
    static func coerceItem(_ value: FlowValue, to type: StaticType, name: @autoclosure () -> String) throws(FlowRuntimeError) -> FlowValue {
        guard let dataType = type.dataType else { return value }
        do {
            return try value.coerced(to: dataType)
        } catch {
            throw FlowRuntimeError(.typeError, "'\(name())': \(error.description)")
        }
    }

    /// Sets the input variables from `inputs`, then every other variable to its default.
    mutating func assignInputs(_ inputs: [String: FlowValue]) throws(FlowInputError) {
        var given = Set<Int>()
        for (name, value) in inputs {
            guard let slot = flow.slot(named: name), flow.resources[slot].isInput else {
                let names = flow.inputVariables.map(\.name)
                let known = names.isEmpty ? "it has none" : "its inputs are " + names.joined(separator: ", ")
                let hint = Suggestion.closest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
                throw FlowInputError("'\(name)' is not an input variable of flow '\(flow.name)'; \(hint)\(known)")
            }
            let resource = flow.resources[slot]
            do {
                interview.values[slot] = try Self.coerce(value, to: resource.type, name: resource.name)
                    .typedAsRecords(of: resource.type.objectType)
            } catch {
                throw FlowInputError(
                    "input \(error.message.replacingOccurrences(of: "'\(resource.name)': ", with: "'\(resource.name)': "))")
            }
            given.insert(slot)
        }
        assignDefaults(except: given)
    }

    /// Sets every variable not in `given` to its default: at the start, and for the variables a
    /// flow gained while a stored interview of it waited (`Interpreter.restore`).
    mutating func assignDefaults(except given: Set<Int>) {
        for (slot, resource) in flow.resources.enumerated() where !given.contains(slot) {
            guard case .variable(let defaultValue?) = resource.kind else { continue }
            if let value = try? evaluate(defaultValue), let converted = try? Self.coerce(value, to: resource.type, name: resource.name) {
                interview.values[slot] = converted
            }
        }
    }
}

extension FlowValue {
    /// Records without an object type take `object` (a record variable's declared type), so that a
    /// record passed in as JSON can be created or updated like one the flow built itself.
    func typedAsRecords(of object: String?) -> FlowValue {
        guard let object else { return self }
        switch self {
        case .record(var record) where record.objectType == nil:
            record.objectType = object
            return .record(record)
        case .collection(let items):
            return .collection(items.map { $0.typedAsRecords(of: object) })
        default:
            return self
        }
    }
}
