extension ValidationRun {
    /// Checks that an assignment operator suits its target's type and its value, following
    /// Salesforce's "Flow Operators in Assignment Elements": collections take the collection
    /// operators; numbers Add, Subtract and AssignCount; dates Add and Subtract (days); text and
    /// picklists Add; multi-select picklists also AddItem; other single values only Assign.
    mutating func checkOperator(_ item: AssignmentElement.Item, target targetType: StaticType, value: BoundExpression?) {
        let valueType = staticType(of: value)
        var literal: FlowValue?
        if case .literal(let constant)? = value { literal = constant }
        let name = item.target.description
        let at = item.value?.location ?? item.location
        var element = targetType
        element.isCollection = false
        let op = item.op
        // A record variable given `$Record.Account` takes the parent record itself.
        if targetType.dataType == .sObject { noteRelatedRecords(value, asRecord: true) }
        guard let type = targetType.dataType else { return }
        if op == .assign {
            checkAssignable(value, to: targetType, name: name, at: at)
            return
        }
        if op == .assignCount {
            if !type.isNumeric || targetType.isCollection {
                mismatch("AssignCount stores a number, but '\(name)' is a \(targetType.description)", at: item.targetLocation)
            }
            if valueType.dataType != nil, !valueType.isCollection {
                mismatch("AssignCount counts a collection, but the value is a \(valueType.description)", at: at)
            }
            return
        }
        if targetType.isCollection {
            switch op {
            case .add, .subtract, .addItem, .addAtStart, .removeAll, .removeFirst, .removeBeforeFirst, .removeAfterFirst:
                let wholeCollection = op == .add || op == .subtract || op == .removeAll
                if !isAssignable(valueType, to: element, literal: literal)
                    && !(wholeCollection && isAssignable(valueType, to: targetType))
                {
                    let verb = op == .add ? "add" : (op == .subtract ? "subtract" : "use")
                    mismatch(
                        "cannot \(verb) a \(valueType.description) \(op == .add ? "to" : "with") the \(targetType.description) '\(name)'",
                        at: at)
                }
            case .removeUncommon:
                if valueType.dataType != nil, !isAssignable(valueType, to: targetType) {
                    mismatch(
                        "RemoveUncommon keeps the items also in another \(targetType.description), but the value is a \(valueType.description)",
                        at: at)
                }
            case .removePosition:
                if valueType.dataType != nil, !(valueType.dataType?.isNumeric ?? false) || valueType.isCollection {
                    mismatch(
                        "RemovePosition needs a position number (1 is the first item), but the value is a \(valueType.description)", at: at)
                } else if let position = literal?.numberValue, position < 1 {
                    mismatch("RemovePosition counts from 1, so \(position) is no position", at: at)
                }
            case .assign, .assignCount:
                break
            }
            return
        }
        let allowed: Set<AssignmentOperator> =
            switch type {
            case .number, .currency: [.add, .subtract]
            case .date, .dateTime: [.add, .subtract]
            case .string, .picklist: [.add]
            case .multipicklist: [.add, .addItem]
            case .boolean, .time, .sObject, .apex: []
            }
        guard allowed.contains(op) else {
            let usable = (["Assign"] + allowed.map(\.rawValue).sorted() + (type.isNumeric ? ["AssignCount"] : [])).joined(separator: ", ")
            diagnostics.append(
                .error(
                    "validate.badAssignmentOperator",
                    "\(op.rawValue) cannot change '\(name)', a \(targetType.description); it takes \(usable)", at: item.location))
            return
        }
        switch type {
        case .number, .currency, .date, .dateTime:
            if !isAssignable(valueType, to: StaticType(dataType: .number), literal: literal) {
                let unit = type == .date || type == .dateTime ? " (a number of days)" : ""
                mismatch(
                    "'\(name)' is a \(targetType.description); \(op.rawValue) needs a number\(unit), not a \(valueType.description)", at: at
                )
            }
        default:
            if let source = valueType.dataType, source == .sObject || source == .apex || valueType.isCollection {
                mismatch("'\(name)' is a \(targetType.description); \(op.rawValue) cannot use a \(valueType.description) there", at: at)
            }
        }
    }
}
