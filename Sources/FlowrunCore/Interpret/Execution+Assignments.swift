import Foundation

extension Execution {
    mutating func assign(_ item: CompiledAssignment, in element: CompiledElement) throws(FlowRuntimeError) {
        let value = try located(element) { () throws(FlowRuntimeError) in try evaluate(item.value) }
        let current = Self.field(of: interview.values[item.target.slot], item.target.fields)
        let name = flow.resources[item.target.slot].name + item.target.fields.map { "." + $0 }.joined()
        let result: FlowValue
        switch item.op {
        case .assign:
            result = value
        case .add:
            result = try located(element) { () throws(FlowRuntimeError) in try Self.add(value, to: current, type: item.targetType, name: name) }
        case .subtract:
            result = try located(element) { () throws(FlowRuntimeError) in try Self.subtract(value, from: current, name: name) }
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
        case .assignCount:
            result = .number(Decimal(value.collectionValue?.count ?? (value.isNull ? 0 : 1)))
        }
        let stored = try located(element) { () throws(FlowRuntimeError) in
            try Self.coerce(result, to: item.targetType, name: name)
        }
        write(stored, to: item.target)
        let secret = flow.resources[item.target.slot].isSecret || isSecret(item.value)
        report(
            .assignment(
                element: element.name, target: name, old: traceText(current, secret: secret),
                new: traceText(stored, secret: secret)))
    }

    /// Salesforce's Add: numbers sum (null counts as 0), text appends, dates move by days,
    /// collections gain the item (or every item of a collection).
    static func add(_ value: FlowValue, to current: FlowValue, type: StaticType, name: String) throws(FlowRuntimeError) -> FlowValue {
        if type.isCollection || current.collectionValue != nil {
            let items = current.collectionValue ?? []
            return .collection(items + (value.collectionValue ?? [value]))
        }
        switch (current, value) {
        case (_, .null): return current
        case (.null, .number(let amount)):
            if type.dataType == .date || type.dataType == .dateTime { return .null }
            return .number(amount)
        case (.number(let base), .number(let amount)): return .number(base + amount)
        case (.date(let date), .number(let days)): return .date(date.adding(days: Int(truncating: days as NSNumber)))
        case (.dateTime(let instant), .number(let days)):
            return .dateTime(instant.addingTimeInterval(Double(truncating: days as NSNumber) * 86_400))
        case (.null, _) where type.dataType?.isTextual ?? (value.stringValue != nil):
            return .string(value.displayText)
        case (.string(let text), _): return .string(text + value.displayText)
        default:
            throw FlowRuntimeError(.typeError, "cannot add a \(value.kindName) to '\(name)', a \(current.kindName)")
        }
    }

    /// Salesforce's Subtract: numbers (null counts as 0), dates back by days, collections lose items.
    static func subtract(_ value: FlowValue, from current: FlowValue, name: String) throws(FlowRuntimeError) -> FlowValue {
        switch (current, value) {
        case (_, .null): return current
        case (.null, .number(let amount)): return .number(-amount)
        case (.number(let base), .number(let amount)): return .number(base - amount)
        case (.date(let date), .number(let days)): return .date(date.adding(days: -Int(truncating: days as NSNumber)))
        case (.dateTime(let instant), .number(let days)):
            return .dateTime(instant.addingTimeInterval(-Double(truncating: days as NSNumber) * 86_400))
        case (.collection(let items), _):
            let removing = value.collectionValue ?? [value]
            return .collection(items.filter { item in !removing.contains { FlowValue.looselyEqual($0, item) } })
        default:
            throw FlowRuntimeError(.typeError, "cannot subtract a \(value.kindName) from '\(name)', a \(current.kindName)")
        }
    }

    /// Runs `body`, giving any error it throws this element's name and place.
    func located<T>(_ element: CompiledElement, _ body: () throws(FlowRuntimeError) -> T) throws(FlowRuntimeError) -> T {
        do {
            return try body()
        } catch {
            var located = error
            located.elementName = located.elementName ?? element.name
            located.location = located.location ?? element.location
            throw located
        }
    }
}
