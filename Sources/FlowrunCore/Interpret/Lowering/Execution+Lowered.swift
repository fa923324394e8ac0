import Foundation

extension Execution {
    /// Runs from `start` through the lowered steps while the elements need no waiting (see
    /// `Execution.runSynchronously`, which calls this when no observer watches and no parent
    /// records are read). Returns the index of the first element that waits, already entered, or
    /// nil when the interview stopped.
    mutating func runLowered(from start: Int?) -> Int? {
        let lowered = flow.lowered
        return lowered.steps.withUnsafeBufferPointer { (steps) -> Int? in
            var current = start
            while let index = current {
                // Cancellation is a thread-local look-up: checked on every 256th step here, and on
                // every element that waits.
                guard enter(index, checkingCancellation: interview.steps & 0xFF == 0) else { return nil }
                if lowered.waits[index] {
                    interview.position = .ready(index)
                    return index
                }
                // `lowered` holds the step while it runs, so it is not retained again here.
                unowned(unsafe) let step = steps[index]
                do throws(FlowRuntimeError) {
                    current = try step.run(&self)
                } catch {
                    fail(error)
                    return nil
                }
            }
            finish()
            return nil
        }
    }

    /// Assign, Add or Subtract on a variable, as `assign` does it for such an item (the same
    /// reads, `add`, `subtract` and `coerce`), without the trace it reports to observers. Two
    /// numbers are added or subtracted, and a number stored in a Number variable, by the very
    /// branches those functions take for them, without the switches that lead there. Add and
    /// AddItem on a collection append in place, as `assign` does.
    mutating func assign(_ item: LoweredAssignmentItem, element index: Int) throws(FlowRuntimeError) {
        let slot = item.slot
        if let field = item.field {
            do {
                try assign(item, to: field)
            } catch {
                throw placed(error, atElement: index)
            }
            return
        }
        if item.appends {
            do {
                if try append(try read(item.value), toSlot: slot, op: item.op, type: item.type) { return }
            } catch {
                throw placed(error, atElement: index)
            }
            // The variable holds something other than a collection: the general path decides.
            return try assignGeneral(item.position, element: index)
        }
        do {
            let value = try read(item.value)
            let result: FlowValue
            switch item.op {
            case .add:
                if case .number(let base) = interview.values[slot], case .number(let amount) = value {
                    result = .number(SmallDecimal.sum(base, amount, subtracting: false, layoutIsKnown: item.fastNumbers))
                } else {
                    result = try Self.add(value, to: interview.values[slot], type: item.type, name: flow.resources[slot].name)
                }
            case .subtract:
                if case .number(let base) = interview.values[slot], case .number(let amount) = value {
                    result = .number(SmallDecimal.sum(base, amount, subtracting: true, layoutIsKnown: item.fastNumbers))
                } else {
                    result = try Self.subtract(value, from: interview.values[slot], name: flow.resources[slot].name)
                }
            default:
                result = value
            }
            if item.numeric, case .number(let number) = result {
                interview.values[slot] = .number(Self.keeping(number, toScale: item.scale, layoutIsKnown: item.fastNumbers))
            } else {
                interview.values[slot] = try Self.coerce(result, to: item.type, name: flow.resources[slot].name)
            }
        } catch {
            throw placed(error, atElement: index)
        }
    }

    /// Assign, Add or Subtract on one field of a record variable, as `assign` does it: the value
    /// read first, then (for Add and Subtract) the field, directly; the result converted to the
    /// field's type and set in the record, which is made when the variable holds none.
    private mutating func assign(_ item: LoweredAssignmentItem, to field: LoweredFieldTarget) throws(FlowRuntimeError) {
        let value = try read(item.value)
        let result: FlowValue
        switch item.op {
        case .add: result = try Self.add(value, to: try read(field.current), type: item.type, name: field.targetName)
        case .subtract: result = try Self.subtract(value, from: try read(field.current), name: field.targetName)
        default: result = value
        }
        let stored = try Self.coerce(result, to: item.type, name: field.targetName)
        // Taken out of the slot while it changes, so that the record is held once and changes in place.
        var record = interview.values[item.slot].recordValue ?? FlowRecord(objectType: field.objectType)
        interview.values[item.slot] = .null
        record.setValue(stored, for: field.key, named: field.name)
        interview.values[item.slot] = .record(record)
    }

    /// An assignment item the lowering left as it was, run by the general `assign`.
    mutating func assignGeneral(_ position: Int, element index: Int) throws(FlowRuntimeError) {
        let element = flow.elements[index]
        guard case .assignment(let items, _) = element.kind else { return }
        try assign(items[position], in: element)
    }

    /// `error` given the name and place of the element at `index`, as `located` gives them.
    func placed(_ error: FlowRuntimeError, atElement index: Int) -> FlowRuntimeError {
        Self.placed(error, in: flow.elements[index])
    }
}
