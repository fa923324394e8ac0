extension Execution {
    /// The next element of a decision: the first rule whose conditions hold, or the default.
    mutating func decide(_ rules: [CompiledRule], defaultNext: Int?, defaultLabel: String?, in element: CompiledElement)
        throws(FlowRuntimeError) -> Int?
    {
        let (taken, results) = try chooseOutcome(rules, in: element)
        for index in rules.indices {
            if let slot = rules[index].outcomeSlot { interview.values[slot] = .boolean(index == taken) }
        }
        report(.decision(element: element.name, outcome: taken.map { rules[$0].name } ?? defaultLabel ?? "default", conditions: results))
        return taken.map { rules[$0].next } ?? defaultNext
    }

    /// The index of the first rule whose conditions hold (nil for the default), and the conditions tried.
    private func chooseOutcome(
        _ rules: [CompiledRule], in element: CompiledElement
    ) throws(FlowRuntimeError) -> (Int?, [ExecutionEvent.ConditionResult]) {
        let tracing = observing
        var results: [ExecutionEvent.ConditionResult] = []
        // By index rather than `for rule in rules`, which copied each rule (and retained its parts).
        for index in rules.indices {
            let matched = try located(element) { () throws(FlowRuntimeError) in
                try rules[index].logic.evaluate { (number: Int) throws(FlowRuntimeError) -> Bool in
                    guard number >= 1, number <= rules[index].conditions.count else { return false }
                    let held = try holds(rules[index].conditions[number - 1])
                    if tracing {
                        let condition = rules[index].conditions[number - 1]
                        results.append(.init(rule: rules[index].name, text: traceText(of: condition), held: held))
                    }
                    return held
                }
            }
            if matched { return (index, results) }
        }
        return (nil, results)
    }

    /// `Code EqualTo VerificationCode ("123456" vs ••••••)`, for traces.
    private func traceText(of condition: CompiledCondition) -> String {
        let left = (try? evaluate(condition.left)) ?? .null
        let right = (try? evaluate(condition.right)) ?? .null
        let values = "(\(traceText(left, secret: isSecret(condition.left))) vs \(traceText(right, secret: isSecret(condition.right))))"
        return "\(traceName(condition.left)) \(condition.op.rawValue) \(traceName(condition.right)) \(values)"
    }

    /// Whether one condition holds, with Salesforce's rules for nulls and blanks. A decision's
    /// references are direct (a field of a missing record fails it); a screen's visibility rules
    /// are `lenient` and read such a field as null.
    func holds(_ condition: CompiledCondition, lenient: Bool = false) throws(FlowRuntimeError) -> Bool {
        let left = lenient ? try evaluateLeniently(condition.left) : try evaluate(condition.left)
        let right = lenient ? try evaluateLeniently(condition.right) : try evaluate(condition.right)
        return Self.compare(left, condition.op, right, againstBlankText: condition.right?.isBlankTextValue ?? false)
    }

    /// `againstBlankText`: the right side is `$GlobalConstant.EmptyString` itself or a value left
    /// blank. Salesforce Help (*Global Constant Resource*) gives Equals Blank Value (Empty String)
    /// as the test that a field or variable "has been populated", and as the test that a screen
    /// field "has no value"; an unpopulated field or variable is null, so against a blank value
    /// Equals holds for null as well as for "". Real flows rely on it: lightning-flow-scanner's
    /// Utility_Copy_Files_Subflow tests an Id input with Is Null False *and* Does Not Equal a blank
    /// value, the second to stop "". Two values compared otherwise keep null and "" apart (the
    /// same page: two text variables compared must both default to the empty string or both to null).
    static func compare(_ left: FlowValue, _ op: ConditionOperator, _ right: FlowValue, againstBlankText: Bool = false) -> Bool {
        switch op {
        case .equalTo: return FlowValue.looselyEqual(left, right, blankTextIsNull: againstBlankText)
        case .notEqualTo: return !FlowValue.looselyEqual(left, right, blankTextIsNull: againstBlankText)
        case .greaterThan: return FlowValue.order(left, right) == .orderedDescending
        case .lessThan: return FlowValue.order(left, right) == .orderedAscending
        case .greaterThanOrEqualTo:
            return FlowValue.order(left, right).map { $0 != .orderedAscending } ?? false
        case .lessThanOrEqualTo:
            return FlowValue.order(left, right).map { $0 != .orderedDescending } ?? false
        case .contains:
            if case .collection(let items) = left { return items.contains { FlowValue.looselyEqual($0, right) } }
            guard case .string(let text) = left else { return false }
            return text.contains(right.displayText)
        case .startsWith:
            guard case .string(let text) = left else { return false }
            return text.hasPrefix(right.displayText)
        case .endsWith:
            guard case .string(let text) = left else { return false }
            return text.hasSuffix(right.displayText)
        case .isNull:
            // Only null is null: "Blank Value (Empty String) and null are treated as separate,
            // distinct values" (Salesforce Help, Global Constant Resource). A screen's text input
            // holds "" when left empty, so Is Null is false for it, as that page says.
            return left.isNull == (right.booleanValue ?? true)
        case .isBlank: return left.isBlank == (right.booleanValue ?? true)
        case .isEmpty: return (left.collectionValue?.isEmpty ?? left.isNull) == (right.booleanValue ?? true)
        case .wasSet: return !left.isNull == (right.booleanValue ?? true)
        case .in: return (right.collectionValue ?? [right]).contains { FlowValue.looselyEqual($0, left) }
        case .notIn: return !(right.collectionValue ?? [right]).contains { FlowValue.looselyEqual($0, left) }
        }
    }

    /// A loop's next step: the next item into the loop variable, or done when there is none.
    /// The element is looked up only for an error or a trace: the general path and the lowered
    /// one (`LoweredLoopStep`) both run this.
    mutating func step(_ loop: CompiledLoop, at index: Int) throws(FlowRuntimeError) -> Int? {
        let cursor = loop.cursor
        guard cursor < interview.loops.count, let running = interview.loops[cursor] else {
            // Salesforce loops over the collection as it was when the loop began.
            let items: [FlowValue]
            do {
                items = try evaluate(loop.collection).collectionValue ?? []
            } catch {
                throw placed(error, atElement: index)
            }
            interview.setCursor(Interview.LoopCursor(items: loop.descending ? items.reversed() : items, next: 0), ofLoop: cursor)
            return try step(loop, at: index)
        }
        let next = running.next
        guard next < running.items.count else {
            interview.loops[cursor] = nil
            if observing { report(.loop(element: flow.elements[index].name, path: "done")) }
            return loop.done
        }
        let current = running.items[next]
        interview.loops[cursor]?.next = next + 1
        if let item = loop.item { write(current, to: item) }
        if let slot = loop.currentItem { interview.values[slot] = current }
        // Checked here: the event's autoclosure captures the whole execution, copying it.
        if observing { report(.loop(element: flow.elements[index].name, path: "next")) }
        return loop.next
    }
}
