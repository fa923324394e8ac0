import Foundation

extension Interpreter {
    /// The interview as stored data: JSON in snapshot format 2 (`InterviewSnapshot`), keyed by
    /// names, with the fingerprint of this flow.
    /// - Throws: `InterviewRestoreError` when the interview is not one of this flow (a programming
    ///   error: the caller mixed up interpreters).
    public func snapshot(of interview: Interview) throws(InterviewRestoreError) -> Data {
        let snapshot = try Self.snapshot(of: interview, flow: flow)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(snapshot)
        } catch {
            throw .unreadable(flow.name, "it could not be encoded: \(error)")
        }
    }

    /// The interview stored by `snapshot(of:)`, taken back with the flow as it is now: as it was
    /// when the flow is unchanged; when the flow was edited but every name the interview holds
    /// still means the same thing, with the new resources at their defaults.
    /// - Throws: `InterviewRestoreError` with a message for the person running it otherwise
    ///   (a name gone or changed in meaning, an older or newer format, damaged data). Never traps.
    public func restore(_ data: Data) throws(InterviewRestoreError) -> Interview {
        let decoder = JSONDecoder()
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw .unreadable(flow.name, "it is not a JSON object")
        }
        guard let version = probe.version else {
            // Format 1 (no version): the `Interview` struct itself, with slot and element indices.
            throw .olderFormat(flow.name)
        }
        guard version == InterviewSnapshot.currentVersion else {
            if version > InterviewSnapshot.currentVersion { throw .newerFormat(flow.name, version: version) }
            throw .unreadable(flow.name, "format \(version) is unknown")
        }
        let snapshot: InterviewSnapshot
        do {
            snapshot = try decoder.decode(InterviewSnapshot.self, from: data)
        } catch {
            throw .unreadable(flow.name, Self.describe(error))
        }
        var problems: [String] = []
        let restored = restore(snapshot, flow: flow, problems: &problems)
        guard let restored, problems.isEmpty else { throw .flowChanged(flow.name, problems) }
        return restored
    }

    private struct VersionProbe: Decodable {
        var version: Int?
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "the top" : path
    }

    // MARK: Writing

    static func snapshot(of interview: Interview, flow: ValidatedFlow) throws(InterviewRestoreError) -> InterviewSnapshot {
        if let problem = interview.layoutProblem(with: flow) {
            throw .unreadable(flow.name, "the interview is not one of this flow: \(problem)")
        }
        var resources: [String: InterviewSnapshot.Resource] = [:]
        for (slot, resource) in flow.resources.enumerated() {
            let meaning = ResourceMeaning(resource)
            guard meaning.holdsValue else { continue }
            resources[resource.name] = InterviewSnapshot.Resource(meaning: meaning, value: interview.values[slot])
        }
        var elements: [String: String] = [:]
        func name(_ index: Int) -> String {
            let element = flow.elements[index]
            elements[element.name] = element.kindName
            return element.name
        }
        let position: InterviewSnapshot.Position
        switch interview.position {
        case .ready(let index): position = .init(state: "ready", element: index.map(name))
        case .atScreen(let index): position = .init(state: "atScreen", element: name(index))
        case .done: position = .init(state: "done", element: nil)
        }
        let history = interview.screenHistory.map(name)
        var loops: [String: InterviewSnapshot.Loop] = [:]
        for (index, element) in flow.elements.enumerated() {
            guard case .loop(let loop) = element.kind, loop.cursor < interview.loops.count,
                let cursor = interview.loops[loop.cursor]
            else { continue }
            loops[name(index)] = .init(items: cursor.items, next: cursor.next)
        }
        var subflow: InterviewSnapshot.Nested?
        if let child = interview.pausedSubflow?.first {
            guard case .atScreen(let index) = interview.position, case .subflow(let call) = flow.elements[index].kind,
                let callee = call.callee?.flow
            else { throw .unreadable(flow.name, "its paused subflow is not at a subflow element") }
            subflow = .init(try snapshot(of: child, flow: callee))
        }
        return InterviewSnapshot(
            flow: .init(name: flow.name, fingerprint: flow.layoutFingerprint), id: interview.id, startTime: interview.startTime,
            status: interview.status, steps: interview.steps, totalSteps: interview.totalSteps, resources: resources,
            elements: elements, position: position, screenHistory: history, loops: loops, faultMessage: interview.faultMessage,
            offeredChoices: interview.offeredChoices, offeredRecords: interview.offeredRecords,
            currentRecord: interview.currentRecord, usage: interview.usage, subflowDepth: interview.subflowDepth,
            clockShift: interview.clockShift, entryConditionsMet: interview.entryConditionsMet, subflow: subflow)
    }

    // MARK: Reading

    /// The interview in `snapshot` over `flow`'s layout; every reason it cannot be goes into
    /// `problems` (nil is returned only with problems).
    private func restore(_ snapshot: InterviewSnapshot, flow: ValidatedFlow, problems: inout [String]) -> Interview? {
        guard snapshot.flow.name.lowercased() == flow.name.lowercased() else {
            problems.append("it ran flow '\(snapshot.flow.name)', not '\(flow.name)'")
            return nil
        }
        let unchanged = snapshot.flow.fingerprint == flow.layoutFingerprint
        var interview = Interview(
            id: snapshot.id, flowName: flow.name, startTime: snapshot.startTime, resourceNames: flow.resources.map(\.name))

        var filled = Set<Int>()
        for (name, stored) in snapshot.resources.sorted(by: { $0.key < $1.key }) {
            guard let slot = flow.slot(named: name) else {
                problems.append("'\(name)' is no longer in it")
                continue
            }
            let now = ResourceMeaning(flow.resources[slot])
            guard now.isSame(as: stored.meaning) else {
                problems.append("'\(name)' was \(stored.meaning.described) and is now \(now.described)")
                continue
            }
            interview.values[slot] = stored.value
            filled.insert(slot)
        }

        let indices = flow.elementIndicesByName
        var elementIndex: [String: Int] = [:]
        for (name, kind) in snapshot.elements.sorted(by: { $0.key < $1.key }) {
            guard let index = indices[name.lowercased()] else {
                problems.append("element '\(name)' is no longer in it")
                continue
            }
            guard flow.elements[index].kindName == kind else {
                problems.append("element '\(name)' was one of its \(kind) and is now one of its \(flow.elements[index].kindName)")
                continue
            }
            elementIndex[name] = index
        }
        guard problems.isEmpty else { return nil }
        func index(_ name: String) -> Int? {
            guard let index = elementIndex[name] else {
                problems.append("element '\(name)' is named without its kind")
                return nil
            }
            return index
        }

        switch (snapshot.position.state, snapshot.position.element) {
        case ("ready", nil): interview.position = .ready(nil)
        case ("ready", let name?): interview.position = .ready(index(name))
        case ("atScreen", let name?): interview.position = index(name).map { .atScreen($0) } ?? .done
        case ("done", _): interview.position = .done
        default: problems.append("its position '\(snapshot.position.state)' is unknown")
        }
        interview.screenHistory = snapshot.screenHistory.compactMap(index)
        for (name, loop) in snapshot.loops {
            guard let index = index(name) else { continue }
            guard loop.next >= 0, loop.next <= loop.items.count else {
                problems.append("loop '\(name)' is at item \(loop.next) of \(loop.items.count)")
                continue
            }
            // A name that is no longer a loop's keeps no cursor: nothing would read it.
            guard case .loop(let compiled) = flow.elements[index].kind else { continue }
            interview.setCursor(Interview.LoopCursor(items: loop.items, next: loop.next), ofLoop: compiled.cursor)
        }
        interview.status = snapshot.status
        interview.steps = snapshot.steps
        interview.totalSteps = snapshot.totalSteps
        interview.faultMessage = snapshot.faultMessage
        interview.offeredChoices = snapshot.offeredChoices
        interview.offeredRecords = snapshot.offeredRecords
        interview.currentRecord = snapshot.currentRecord
        interview.usage = snapshot.usage
        interview.subflowDepth = snapshot.subflowDepth
        interview.clockShift = snapshot.clockShift
        interview.entryConditionsMet = snapshot.entryConditionsMet

        if let child = snapshot.subflow?.snapshots.first {
            guard case .atScreen(let at) = interview.position, case .subflow(let call) = flow.elements[at].kind,
                let callee = call.callee?.flow
            else {
                problems.append("its paused subflow is not at a subflow element")
                return nil
            }
            let calleeInterpreter = Interpreter(flow: callee, services: services, configuration: configuration)
            guard let restoredChild = calleeInterpreter.restore(child, flow: callee, problems: &problems) else { return nil }
            interview.pausedSubflow = [restoredChild]
        }
        guard problems.isEmpty else { return nil }
        if let problem = interview.layoutProblem(with: flow) {
            problems.append(problem)
            return nil
        }
        if !unchanged {
            // Resources the flow gained since start as a new interview's would.
            var execution = Execution(flow: flow, services: services, configuration: configuration, interview: interview)
            execution.assignDefaults(except: filled)
            interview = execution.interview
        }
        return interview
    }
}

extension Interview {
    /// Why this interview cannot run on `flow`'s layout (values, positions and loops that do not
    /// line up with its resources and elements), or nil when it can. Checked before every resume,
    /// so that an interview of another version of the flow ends with a message instead of a trap.
    func layoutProblem(with flow: ValidatedFlow) -> String? {
        guard flowName.lowercased() == flow.name.lowercased() else { return "it is an interview of flow '\(flowName)'" }
        guard values.count == flow.resources.count, resourceNames.count == flow.resources.count else {
            return "it holds \(values.count) values and the flow has \(flow.resources.count) resources"
        }
        let count = flow.elements.count
        var indices = screenHistory
        switch position {
        case .ready(let index?), .atScreen(let index): indices.append(index)
        case .ready(nil), .done: break
        }
        guard indices.allSatisfy({ $0 >= 0 && $0 < count }) else { return "it is at an element the flow does not have" }
        guard loops.allSatisfy({ ($0?.next ?? 0) >= 0 }) else { return "a loop of it is before its first item" }
        if case .atScreen(let index) = position {
            switch flow.elements[index].kind {
            case .screen:
                guard pausedSubflow?.isEmpty != false else { return "it waits at a screen with a subflow paused" }
            case .subflow(let call):
                guard let child = pausedSubflow?.first, let callee = call.callee?.flow else {
                    return "it waits at subflow element '\(flow.elements[index].name)' without its subflow"
                }
                if let problem = child.layoutProblem(with: callee) { return "its subflow: \(problem)" }
            default:
                return "it waits at '\(flow.elements[index].name)', which is not a screen"
            }
        }
        return nil
    }
}
