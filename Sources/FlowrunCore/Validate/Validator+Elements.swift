extension ValidationRun {
    mutating func compile(_ element: FlowElement) -> CompiledElement {
        let kind: CompiledElement.Kind
        switch element.kind {
        case .assignment(let assignment):
            kind = .assignment(assignment.items.compactMap { compile($0) }, next: target(of: assignment.connector))
        case .decision(let decision):
            kind = .decision(
                decision.rules.map { compile($0) }, defaultNext: target(of: decision.defaultConnector),
                defaultLabel: decision.defaultLabel)
        case .recordLookup(let lookup): kind = .recordLookup(compile(lookup, name: element.name))
        case .recordCreate(let create): kind = .recordCreate(compile(create, name: element.name, at: element.location))
        case .recordUpdate(let update): kind = .recordUpdate(compile(update, at: element.location))
        case .pluginCall(let call): kind = compile(call, name: element.name)
        case .screen(let screen): kind = .screen(compile(screen, label: element.label, location: element.location))
        case .loop(let loop): kind = .loop(compile(loop, name: element.name))
        case .collectionProcessor, .recordDelete, .recordRollback, .customError, .transform, .wait:
            // compileDataElement handles exactly these kinds, so the fallback is never taken.
            kind = compileDataElement(element) ?? .recordRollback(next: nil)
        case .subflow(let call): kind = .subflow(compile(call, name: element.name))
        }
        return CompiledElement(name: element.name, label: element.label, location: element.location, kind: kind)
    }

    // MARK: - Assignments

    private mutating func compile(_ item: AssignmentElement.Item) -> CompiledAssignment? {
        guard let (target, targetType) = resolveTarget(item.target, at: item.targetLocation) else {
            _ = bind(item.value)
            return nil
        }
        let value = bind(item.value)
        checkOperator(item, target: targetType, value: value)
        return CompiledAssignment(target: target, targetType: targetType, op: item.op, value: value, location: item.location)
    }

    mutating func mismatch(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error("validate.typeMismatch", message, at: location))
    }

    // MARK: - Decisions

    private mutating func compile(_ rule: DecisionElement.Rule) -> CompiledRule {
        let conditions = rule.conditions.compactMap { compile($0) }
        return CompiledRule(
            name: rule.name, label: rule.label,
            logic: logic(rule.logic, count: rule.conditions.count, owner: "rule '\(rule.name)'", at: rule.location),
            conditions: conditions, next: target(of: rule.connector), outcomeSlot: outcomeSlot(of: rule))
    }

    /// The Boolean resource that records whether this outcome was taken; nil when the name
    /// belongs to something else (a variable of the same name keeps its first meaning).
    private func outcomeSlot(of rule: DecisionElement.Rule) -> Int? {
        guard let slot = slotsByName[rule.name.lowercased()], case .elementOutput = resources[slot].kind,
            resources[slot].type.dataType == .boolean
        else { return nil }
        return slot
    }

    mutating func compile(_ condition: Condition) -> CompiledCondition? {
        let left = resolve(condition.left, at: condition.leftLocation)
        let right = bind(condition.right)
        guard let left else { return nil }
        checkComparable(left, condition.op, right, name: condition.left.description, at: condition.right?.location ?? condition.location)
        return CompiledCondition(left: left, op: condition.op, right: right, location: condition.location)
    }

    private mutating func checkComparable(
        _ left: BoundExpression, _ op: ConditionOperator, _ right: BoundExpression?, name: String, at location: SourceLocation
    ) {
        let leftType = staticType(of: left)
        let rightType = staticType(of: right)
        var literal: FlowValue?
        if case .literal(let constant)? = right { literal = constant }
        switch op {
        case .isNull, .isBlank, .isEmpty, .wasSet:
            if let literal, literal.booleanValue == nil {
                mismatch("\(op.rawValue) compares with true or false, not \"\(literal.displayText)\"", at: location)
            }
        case .contains, .startsWith, .endsWith:
            if let type = leftType.dataType, !leftType.isCollection, !type.isTextual {
                mismatch("\(op.rawValue) works on text or collections, but '\(name)' is a \(leftType.description)", at: location)
            }
        case .in, .notIn:
            break
        case .equalTo, .notEqualTo, .greaterThan, .lessThan, .greaterThanOrEqualTo, .lessThanOrEqualTo:
            guard leftType.dataType != nil, right != nil else { return }
            if !isAssignable(rightType, to: leftType, literal: literal) && !isAssignable(leftType, to: rightType) {
                let what = literal.map { "the value \"\($0.displayText)\"" } ?? "a \(rightType.description)"
                mismatch("cannot compare '\(name)' (a \(leftType.description)) with \(what)", at: location)
            }
        }
    }

    /// The compiled logic of `count` conditions; nil text means all of them.
    mutating func logic(_ spec: ConditionLogicSpec?, count: Int, owner: String, at location: SourceLocation) -> ConditionLogic {
        guard let spec else { return .all(count) }
        do {
            return try ConditionLogicParser.parse(spec.text, conditionCount: count)
        } catch {
            diagnostics.append(
                .error(
                    "validate.badConditionLogic", "\(owner): \(error.message)",
                    at: spec.location.advanced(byColumns: error.offset)))
            return .all(count)
        }
    }

    // MARK: - Loops

    private mutating func compile(_ loop: LoopElement, name: String) -> CompiledLoop {
        let collection = resolve(loop.collection, at: loop.collectionLocation)
        let collectionType = staticType(of: collection)
        if collectionType.dataType != nil, !collectionType.isCollection {
            mismatch("a loop needs a collection, but '\(loop.collection)' is a \(collectionType.description)", at: loop.collectionLocation)
        }
        let item = loop.itemVariable.flatMap { resolveTarget($0, at: loop.collectionLocation) }
        defer { loopCount += 1 }
        return CompiledLoop(
            cursor: loopCount, collection: collection ?? .literal(.collection([])), item: item?.0,
            currentItem: slotsByName[name.lowercased()], descending: loop.descending,
            next: target(of: loop.nextConnector), done: target(of: loop.doneConnector))
    }
}
