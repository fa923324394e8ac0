import Foundation

/// Runs validated flows. Holds no per-run state: each interview is a value the caller keeps.
///
/// ```swift
/// var interview = try await interpreter.start(inputs: ["LoginFlow_UserId": "005…"])
/// while let prompt = interview.status.prompt {
///     await interpreter.resume(&interview, answers: ask(prompt))
/// }
/// ```
public struct Interpreter: Sendable {
    public let flow: ValidatedFlow
    public var services: FlowServices
    public var configuration: InterpreterConfiguration

    public init(flow: ValidatedFlow, services: FlowServices, configuration: InterpreterConfiguration = .init()) {
        self.flow = flow
        self.services = services
        self.configuration = configuration
    }

    /// Starts an interview with `inputs` (by input variable name) and runs it to its first screen,
    /// its end, or a failure.
    /// - Throws: `FlowInputError` when an input is not an input variable or has the wrong type.
    public func start(inputs: [String: FlowValue] = [:]) async throws(FlowInputError) -> Interview {
        let id = Self.makeGuid(services.random)
        let interview = Interview(
            id: id, flowName: flow.name, startTime: services.clock.now(), resourceNames: flow.resources.map(\.name))
        var execution = Execution(flow: flow, services: services, configuration: configuration, interview: interview)
        try execution.assignInputs(inputs)
        execution.interview.currentRecord = execution.interview.value(of: "recordId")?.stringValue
        execution.interview.position = .ready(flow.startIndex)
        await execution.inTransaction { await $0.run() }
        return execution.interview
    }

    /// Answers the screen `interview` is waiting at and runs on. Answers are by field name; text
    /// is converted to each field's type. Refused answers (a required field left empty, a value of
    /// the wrong type, a failed validation rule) leave the interview at the same screen, with the
    /// reasons in the prompt's fields.
    ///
    /// An interview that does not line up with this flow (one of another flow, or of another
    /// version of it that was not taken back through `restore`) fails with a message; it never traps.
    public func resume(_ interview: inout Interview, answers: [String: FlowValue], action: ScreenAction = .next) async {
        guard interview.fitsFlow(flow) else { return }
        var execution = Execution(flow: flow, services: services, configuration: configuration, interview: interview)
        await execution.inTransaction { await $0.answer(answers, action: action) }
        interview = execution.interview
    }

    /// `resume(_:answers:action:)` as a flow transaction inside `transaction`, which the caller
    /// opened and commits: a server that claims the interview and stores its new state in the
    /// same database transaction as the flow's own record changes (one commit instead of three).
    /// Roll Back Records and an unhandled fault undo the flow's changes as `RecordTransaction.rollBack`
    /// does; a callout still commits what ran before it and runs holding no lock (`outside`).
    /// - Throws: when rolling back a failed flow's changes failed: the caller must abandon
    ///   `transaction`, as nothing of it can be trusted.
    public func resume(
        _ interview: inout Interview, answers: [String: FlowValue], action: ScreenAction = .next,
        in transaction: any RecordTransaction
    ) async throws {
        guard interview.fitsFlow(flow) else { return }
        var execution = Execution(flow: flow, services: services, configuration: configuration, interview: interview)
        try await execution.asFlowTransaction(in: transaction) { await $0.answer(answers, action: action) }
        interview = execution.interview
    }

    /// A random interview id in the 8-4-4-4-12 hex form.
    /// Built byte by byte: a `String` per byte, joined and split again, was 3% of an interview.
    static func makeGuid(_ random: any RandomSource) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in random.bytes(16).enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Interview {
    /// False, having failed the interview with a message, when it does not line up with `flow`
    /// (one of another flow, or of another version of it not taken back through `restore`).
    fileprivate mutating func fitsFlow(_ flow: ValidatedFlow) -> Bool {
        guard let problem = layoutProblem(with: flow) else { return true }
        position = .done
        status = .failed(
            FlowRuntimeError(
                .other, "this interview cannot go on with flow '\(flow.name)' as it is now (\(problem)); start the flow again"))
        return false
    }
}

extension Execution {
    /// Answers the screen the interview waits at (its own, or a paused subflow's) and runs on.
    fileprivate mutating func answer(_ answers: [String: FlowValue], action: ScreenAction) async {
        if interview.pausedSubflow?.isEmpty == false {
            await resumeSubflow(answers: answers, action: action)
        } else {
            await resume(answers: answers, action: action)
        }
    }
}

/// The working state of one call to `start` or `resume`: the flow, the services, and the
/// interview being advanced.
struct Execution {
    let flow: ValidatedFlow
    let services: FlowServices
    let configuration: InterpreterConfiguration
    var interview: Interview
    /// Where record elements read and write: the open database transaction while one runs
    /// (`inTransaction`), the store itself otherwise.
    var records: any RecordAccess
    /// Guards formula and template resources that refer to each other in a cycle.
    let depth = EvaluationDepth()
    /// Parent records that cross-object references reach, by Id, read before the current element.
    var relatedRecords: [String: FlowRecord] = [:]
    /// The governor limits in force, nil when switched off.
    let limits: GovernorLimits?
    /// Whether an observer watches (`services.observer`), read on every element: a Bool costs
    /// nothing to read, the optional observer is copied (retained) on each look.
    let observing: Bool
    /// A scheduled path: Salesforce runs it as the Automated Process user, in the org's time zone.
    var runsAsAutomatedProcess = false

    /// - Parameter records: the transaction a subflow runs in, which is its caller's; the store when nil.
    init(
        flow: ValidatedFlow, services: FlowServices, configuration: InterpreterConfiguration, interview: Interview,
        records: (any RecordAccess)? = nil
    ) {
        self.flow = flow
        self.services = services
        self.configuration = configuration
        self.interview = interview
        self.records = records ?? services.records
        self.limits = Self.limits(of: flow, configuration)
        self.observing = services.observer != nil
    }

    /// The database transaction the elements run in, when one is open.
    var transaction: (any RecordTransaction)? { records as? any RecordTransaction }

    /// Runs elements from the current position until a screen, the end, or a failure.
    /// A new transaction (after a screen, or at the start) begins with fresh limits; a subflow
    /// continues its caller's.
    ///
    /// Elements that never wait (assignments, decisions, loop steps) run in `runSynchronously`'s
    /// plain loop; only an element that reads or writes records, calls a plug-in or a subflow,
    /// shows a screen or waits comes back here to be awaited. An `await` per element, and the
    /// async frame it allocates, was a large part of a counted loop's time.
    mutating func run(newTransaction: Bool = true) async {
        if newTransaction {
            interview.steps = 0
            interview.usage = TransactionUsage()
        }
        while let index = runSynchronously() {
            let element = flow.elements[index]
            do {
                try await loadRelatedRecords(for: element)
                interview.position = try await execute(element, at: index)
            } catch {
                fail(error)
                return
            }
        }
    }

    /// Runs elements from the current position while they need no waiting. Returns the index of
    /// the first that does (already counted and reported by `enter`), or nil when the interview
    /// stopped (its end, a failure, a screen).
    private mutating func runSynchronously() -> Int? {
        // Parents of cross-object references are read from the store before every element.
        let readsParents = !flow.relatedRecordPaths.isEmpty
        // The lowered steps report nothing, so they run only when no observer watches.
        if !readsParents, !observing, case .ready(let start) = interview.position { return runLowered(from: start) }
        while case .ready(let next) = interview.position {
            guard let index = next else {
                finish()
                return nil
            }
            guard enter(index) else { return nil }
            let element = flow.elements[index]
            guard !readsParents, element.runsSynchronously else { return index }
            do {
                interview.position = .ready(try executeSynchronously(element, at: index))
            } catch {
                fail(error)
                return nil
            }
        }
        return nil
    }

    /// Counts an element about to run against the limits and reports it; false when the
    /// interview failed instead (the step limit, cancellation, the executed-elements limit).
    mutating func enter(_ index: Int, checkingCancellation: Bool = true) -> Bool {
        if interview.steps >= configuration.maxStepsPerTransaction {
            let element = flow.elements[index]
            fail(
                FlowRuntimeError(
                    .stepLimit,
                    "stopped after \(interview.steps) elements without reaching a screen or the end; the flow probably loops forever (limit: \(configuration.maxStepsPerTransaction) per transaction)",
                    elementName: element.name, location: element.location))
            return false
        }
        if checkingCancellation, Task.isCancelled {
            fail(FlowRuntimeError(.other, "the interview was cancelled"))
            return false
        }
        interview.steps += 1
        interview.totalSteps += 1
        if observing, let observer = services.observer {
            let element = flow.elements[index]
            observer.observe(.element(name: element.name, kind: element.kindName, location: element.location))
        }
        do {
            try checkExecutedElements(at: index)
        } catch {
            fail(error)
            return false
        }
        return true
    }

    /// Runs an element for which `runsSynchronously` holds and says where to go next.
    private mutating func executeSynchronously(_ element: CompiledElement, at index: Int) throws(FlowRuntimeError) -> Int? {
        switch element.kind {
        case .assignment(let items, let next):
            // By index: `for item in items` copied each assignment, retaining its parts.
            for item in items.indices { try assign(items[item], in: element) }
            return next
        case .decision(let rules, let defaultNext, let defaultLabel):
            return try decide(rules, defaultNext: defaultNext, defaultLabel: defaultLabel, in: element)
        case .loop(let loop):
            return try step(loop, at: index)
        default:
            throw FlowRuntimeError(
                .other, "internal error: '\(element.name)' cannot run without waiting", elementName: element.name,
                location: element.location)
        }
    }

    /// Runs one element and says where to go next.
    private mutating func execute(_ element: CompiledElement, at index: Int) async throws(FlowRuntimeError) -> Interview.Position {
        switch element.kind {
        case .assignment, .decision, .loop:
            return .ready(try executeSynchronously(element, at: index))
        case .recordLookup(let lookup):
            return .ready(
                try await withFaultPath(lookup.next, fault: lookup.faultNext, element) { (execution: inout Execution) async throws in
                    try await execution.lookUp(lookup, in: element)
                })
        case .recordCreate(let create):
            return .ready(
                try await withFaultPath(create.next, fault: create.faultNext, element) { (execution: inout Execution) async throws in
                    try await execution.create(create, in: element)
                })
        case .recordUpdate(let update):
            return .ready(
                try await withFaultPath(update.next, fault: update.faultNext, element) { (execution: inout Execution) async throws in
                    try await execution.update(update, in: element)
                })
        case .pluginCall(let call):
            return .ready(
                try await withFaultPath(call.next, fault: call.faultNext, element) { (execution: inout Execution) async throws in
                    try await execution.call(call, in: element)
                })
        case .screen(let screen):
            try await offerChoiceSets(for: screen, in: element)
            try readDefaults(of: screen, in: element)
            await runScreenActionsOnLoad(screen, firstVisit: !interview.screenHistory.contains(index))
            interview.screenHistory.append(index)
            interview.status = .screen(prompt(for: screen, in: element, answers: nil, errors: [:]))
            report(.screen(element: element.name))
            return .atScreen(index)
        case .collectionProcessor, .recordDelete, .recordRollback, .customError, .transform, .wait:
            return .ready(try await executeDataElement(element))
        case .subflow(let call):
            return try await runSubflow(call, at: index, in: element)
        }
    }

    /// Runs `body`; if it throws, goes to the fault connector with `$Flow.FaultMessage` set, or
    /// fails the interview at this element when there is none.
    mutating func withFaultPath(
        _ next: Int?, fault: Int?, _ element: CompiledElement, _ body: (inout Execution) async throws -> Void
    ) async throws(FlowRuntimeError) -> Int? {
        do {
            try await body(&self)
            return next
        } catch let error as FlowRuntimeError where error.kind == .stepLimit {
            throw error
        } catch var error as FlowRuntimeError where error.kind == .limitExceeded {
            if error.location == nil {
                error.elementName = element.name
                error.location = element.location
            }
            throw error
        } catch {
            let message = (error as? FlowRuntimeError)?.message ?? String(describing: error)
            guard let fault else {
                throw FlowRuntimeError(.unhandledFault, message, elementName: element.name, location: element.location)
            }
            interview.faultMessage = message
            report(.fault(element: element.name, message: message))
            return fault
        }
    }

    mutating func finish() {
        var outputs: [String: FlowValue] = [:]
        for (slot, resource) in flow.resources.enumerated() where resource.isOutput {
            outputs[resource.name] = interview.values[slot]
        }
        interview.position = .done
        interview.status = .finished(outputs: outputs)
    }

    mutating func fail(_ error: FlowRuntimeError) {
        interview.position = .done
        interview.status = .failed(error)
    }
}

/// A counter shared by the nested evaluations of one execution (formulas reading formulas).
final class EvaluationDepth {
    var current = 0
    static let limit = 64
}
