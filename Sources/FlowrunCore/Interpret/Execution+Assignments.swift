import Foundation

extension Execution {
    mutating func assign(_ item: CompiledAssignment, in element: CompiledElement) throws(FlowRuntimeError) {
        let value = try located(element) { () throws(FlowRuntimeError) in try evaluate(item.value) }
        if item.op == .addItem || item.op == .add, item.target.fields.isEmpty, item.targetType.isCollection,
            try append(value, to: item, in: element)
        {
            return
        }
        // Every operator but Assign reads the target first, and that read is direct: a field of a
        // record variable that is null fails the assignment (Assign itself creates the record).
        let current =
            item.op == .assign
            ? Self.field(of: interview.values[item.target.slot], item.target.fields)
            : try located(element) { () throws(FlowRuntimeError) in try directField(of: item.target.slot, item.target.fields) }
        // Built only for a message or a trace: a String per assignment cost as much as the assignment.
        var name: String { targetName(item.target) }
        let result: FlowValue
        switch item.op {
        case .assign:
            result = value
        case .add:
            result = try located(element) { () throws(FlowRuntimeError) in
                try Self.add(value, to: current, type: item.targetType, name: name)
            }
        case .subtract:
            result = try located(element) { () throws(FlowRuntimeError) in try Self.subtract(value, from: current, name: name) }
        case .addItem where item.targetType.dataType == .multipicklist && !item.targetType.isCollection:
            // A multi-select picklist holds its values as one text, separated by semicolons.
            let text = current.isNull || current.displayText.isEmpty ? value.displayText : current.displayText + ";" + value.displayText
            result = value.isNull ? current : .string(text)
        case .addItem:
            result = .collection((current.collectionValue ?? []) + [value])
        case .addAtStart:
            result = .collection([value] + (current.collectionValue ?? []))
        case .removeAll:
            result = .collection((current.collectionValue ?? []).filter { !FlowValue.looselyEqual($0, value) })
        case .removeFirst:
            var items = current.collectionValue ?? []
            if let index = items.firstIndex(where: { FlowValue.looselyEqual($0, value) }) { items.remove(at: index) }
            result = .collection(items)
        case .removeBeforeFirst, .removeAfterFirst, .removeUncommon, .removePosition:
            result = try located(element) { () throws(FlowRuntimeError) in
                try Self.remove(item.op, value, from: current.collectionValue ?? [], name: name)
            }
        case .assignCount:
            result = .number(Decimal(value.collectionValue?.count ?? (value.isNull ? 0 : 1)))
        }
        let stored = try located(element) { () throws(FlowRuntimeError) in
            try Self.coerce(result, to: item.targetType, name: name)
        }
        write(stored, to: item.target)
        guard observing else { return }
        let secret = flow.resources[item.target.slot].isSecret || isSecret(item.value)
        report(
            .assignment(
                element: element.name, target: name, old: traceText(current, secret: secret),
                new: traceText(stored, secret: secret)))
    }

    /// Add or AddItem on a collection variable, appending in place (see `append(_:toSlot:op:type:)`),
    /// with its trace. Returns false, changing nothing, when the variable holds something other
    /// than a collection or null.
    private mutating func append(_ value: FlowValue, to item: CompiledAssignment, in element: CompiledElement) throws(FlowRuntimeError)
        -> Bool
    {
        let slot = item.target.slot
        let secret = observing && (flow.resources[slot].isSecret || isSecret(item.value))
        let old = observing ? traceText(interview.values[slot], secret: secret) : ""
        do {
            guard try append(value, toSlot: slot, op: item.op, type: item.targetType) else { return false }
        } catch {
            throw Self.placed(error, in: element)
        }
        // Checked here: the event's autoclosure captures the whole execution, copying it.
        if observing {
            report(
                .assignment(
                    element: element.name, target: flow.resources[slot].name, old: old,
                    new: traceText(interview.values[slot], secret: secret)))
        }
        return true
    }

    /// Add or AddItem on the collection variable in `slot`, appending in place (Add appends every
    /// item of a collection value, AddItem the value itself). Building a new array on every add
    /// (as `add` does) made a loop that gathers n items cost O(n²): 20,000 records took ten times
    /// longer per element than 2,000 (BENCHMARKS.md, loop-heavy flow). Returns false, changing
    /// nothing, when the variable holds something other than a collection or null.
    mutating func append(_ value: FlowValue, toSlot slot: Int, op: AssignmentOperator, type: StaticType) throws(FlowRuntimeError) -> Bool {
        guard interview.values[slot].isNull || interview.values[slot].collectionValue != nil else { return false }
        // One item (AddItem, or Add of a single value) is converted and appended as it is, without
        // building a collection of one to convert and append.
        let adding = op == .add ? value.collectionValue : nil
        var added: [FlowValue] = []
        var one: FlowValue?
        if let adding {
            added = try Self.coerce(.collection(adding), to: type, name: flow.resources[slot].name).collectionValue ?? []
        } else {
            one = try Self.coerceItem(value, to: type, name: flow.resources[slot].name)
        }
        // Take the collection out of the interview, so the array has one owner and grows in place
        // (a pattern binding inside a `switch` would keep a second reference while appending).
        var items: [FlowValue] = []
        if case .collection(let existing) = interview.values[slot] { items = existing }
        interview.values[slot] = .null
        if let one { items.append(one) } else { items.append(contentsOf: added) }
        interview.values[slot] = .collection(items)
        return true
    }

    /// Salesforce's Add: numbers sum (null counts as 0), text appends, dates move by days,
    /// collections gain the item (or every item of a collection).
    static func add(_ value: FlowValue, to current: FlowValue, type: StaticType, name: @autoclosure () -> String) throws(FlowRuntimeError)
        -> FlowValue
    {
        if type.isCollection || current.collectionValue != nil {
            let items = current.collectionValue ?? []
            return .collection(items + (value.collectionValue ?? [value]))
        }
        switch (current, value) {
        case (_, .null): return current
        case (.null, .number(let amount)):
            if type.dataType == .date || type.dataType == .dateTime { return .null }
            return .number(amount)
        case (.number(let base), .number(let amount)): return .number(SmallDecimal.sum(base, amount))
        case (.date(let date), .number(let days)): return .date(date.adding(days: try wholeDays(days, name: name())))
        case (.dateTime(let instant), .number(let days)):
            return .dateTime(try moved(instant, byDays: Double(truncating: days as NSNumber), name: name()))
        case (.null, _) where type.dataType?.isTextual ?? (value.stringValue != nil):
            return .string(value.displayText)
        case (.string(let text), _): return .string(text + value.displayText)
        default:
            throw FlowRuntimeError(.typeError, "cannot add a \(value.kindName) to '\(name())', a \(current.kindName)")
        }
    }

    /// Salesforce's Subtract: numbers (null counts as 0), dates back by days, collections lose items.
    static func subtract(_ value: FlowValue, from current: FlowValue, name: @autoclosure () -> String) throws(FlowRuntimeError) -> FlowValue
    {
        switch (current, value) {
        case (_, .null): return current
        case (.null, .number(let amount)): return .number(-amount)
        case (.number(let base), .number(let amount)): return .number(SmallDecimal.sum(base, amount, subtracting: true))
        case (.date(let date), .number(let days)): return .date(date.adding(days: -(try wholeDays(days, name: name()))))
        case (.dateTime(let instant), .number(let days)):
            return .dateTime(try moved(instant, byDays: -Double(truncating: days as NSNumber), name: name()))
        case (.collection(let items), _):
            let removing = value.collectionValue ?? [value]
            return .collection(items.filter { item in !removing.contains { FlowValue.looselyEqual($0, item) } })
        default:
            throw FlowRuntimeError(.typeError, "cannot subtract a \(value.kindName) from '\(name())', a \(current.kindName)")
        }
    }

    /// Days to move a date by, truncated as Salesforce does; more than about 8,000 years either way
    /// is an error rather than an overflow.
    static func wholeDays(_ days: Decimal, name: @autoclosure () -> String) throws(FlowRuntimeError) -> Int {
        guard days.magnitude <= 3_000_000 else {
            throw FlowRuntimeError(.typeError, "cannot move the date '\(name())' by \(days) days")
        }
        return Int(truncating: days as NSNumber)
    }

    /// A date-time moved by days, within the range formulas accept (`FormulaDates.instantBound`).
    static func moved(_ instant: Date, byDays days: Double, name: @autoclosure () -> String) throws(FlowRuntimeError) -> Date {
        let seconds = instant.timeIntervalSince1970 + days * 86_400
        guard seconds.magnitude <= FormulaDates.instantBound else {
            throw FlowRuntimeError(.typeError, "cannot move the date-time '\(name())' by \(days) days")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The collection operators that remove by position: RemoveBeforeFirst keeps the first item
    /// equal to the value and what follows it; RemoveAfterFirst keeps what comes before it and the
    /// item itself (either leaves the collection as it is when no item equals the value);
    /// RemoveUncommon keeps only items also in the value; RemovePosition removes the item at a
    /// 1-based position (a position past the end removes nothing).
    static func remove(_ op: AssignmentOperator, _ value: FlowValue, from items: [FlowValue], name: @autoclosure () -> String)
        throws(FlowRuntimeError) -> FlowValue
    {
        switch op {
        case .removeBeforeFirst:
            guard let index = items.firstIndex(where: { FlowValue.looselyEqual($0, value) }) else { return .collection(items) }
            return .collection(Array(items[index...]))
        case .removeAfterFirst:
            guard let index = items.firstIndex(where: { FlowValue.looselyEqual($0, value) }) else { return .collection(items) }
            return .collection(Array(items[...index]))
        case .removeUncommon:
            let keeping = value.collectionValue ?? (value.isNull ? [] : [value])
            return .collection(items.filter { item in keeping.contains { FlowValue.looselyEqual($0, item) } })
        case .removePosition:
            guard let number = value.numberValue ?? Decimal(string: value.displayText),
                number >= 1, number == number.roundedMagnitude(scale: 0, .plain)
            else {
                throw FlowRuntimeError(
                    .typeError,
                    "RemovePosition on '\(name())' needs a whole position from 1, got \(value.displayText.isEmpty ? "null" : value.displayText)"
                )
            }
            // Compared as a Decimal first: a huge position must not wrap around when made an Int.
            guard number <= Decimal(items.count) else { return .collection(items) }
            var remaining = items
            remaining.remove(at: Int(truncating: number as NSNumber) - 1)
            return .collection(remaining)
        default:
            return .collection(items)
        }
    }

    /// Runs `body`, giving any error it throws this element's name and place.
    func located<T>(_ element: CompiledElement, _ body: () throws(FlowRuntimeError) -> T) throws(FlowRuntimeError) -> T {
        do {
            return try body()
        } catch {
            throw Self.placed(error, in: element)
        }
    }

    /// `error` given the element's name and place, when it has none yet.
    static func placed(_ error: FlowRuntimeError, in element: CompiledElement) -> FlowRuntimeError {
        var located = error
        located.elementName = located.elementName ?? element.name
        located.location = located.location ?? element.location
        return located
    }
}
