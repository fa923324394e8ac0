import Foundation

/// One run of a flow, as data: every value, where it is, and what it is waiting for.
///
/// An interview paused at a screen is stored as a snapshot keyed by names
/// (`Interpreter.snapshot(of:)`, `Interpreter.restore(_:)`), not as this struct: its slots and
/// element indices are the runtime's layout, free to change between versions of flowrun and of
/// the flow. Every front-end (terminal, scripted answers, tests, HTTP) drives it the same way:
/// `Interpreter.start` then `Interpreter.resume` until `status` is no longer `.screen`.
public struct Interview: Sendable {
    /// Unique per run (`$Flow.InterviewGuid`).
    public let id: String
    public let flowName: String
    public let startTime: Date
    /// What the interview is doing now.
    public internal(set) var status: InterviewStatus
    /// Elements executed in the current transaction (since the last screen), for the step limit.
    public internal(set) var steps: Int = 0
    /// Elements executed over the whole interview.
    public internal(set) var totalSteps: Int = 0

    var values: [FlowValue]
    var resourceNames: [String]
    var position: Position = .ready(nil)
    var faultMessage: String?
    /// The screens shown so far, for Back.
    var screenHistory: [Int] = []
    /// Collections being looped over, with the next item's position, by the loop's number
    /// (`CompiledLoop.cursor`): nil for a loop not running. An array, so that a loop step finds
    /// its cursor by index.
    var loops: [LoopCursor?] = []
    /// Choices of the dynamic choice sets on the current screen, by choice set name, and the
    /// records they came from (record choice sets), in the same order.
    var offeredChoices: [String: [ScreenFieldPrompt.Choice]] = [:]
    var offeredRecords: [String: [FlowValue]] = [:]
    /// `$Flow.CurrentRecord`: the Id of the record the interview works on (its `recordId` input,
    /// or the triggering record).
    var currentRecord: String?
    /// What the current transaction has used of the governor limits.
    var usage = TransactionUsage()
    /// How many flows call this one (0 for the flow that was started).
    var subflowDepth = 0
    /// The subflow interview waiting at a screen, while this one waits at its subflow element
    /// (at most one; an array so that the type can hold itself).
    var pausedSubflow: [Interview]?
    /// How far waits have moved this interview's clock ahead of the services' clock, in seconds:
    /// a wait resumes at its event's time, so `$Flow.CurrentDateTime` after it is that time.
    var clockShift: TimeInterval = 0
    /// False when a triggered flow's entry conditions did not hold, so nothing ran.
    public internal(set) var entryConditionsMet = true

    enum Position: Sendable, Hashable {
        case ready(Int?)
        case atScreen(Int)
        case done
    }

    struct LoopCursor: Sendable, Hashable {
        var items: [FlowValue]
        var next: Int
    }

    /// Starts loop number `loop` (`CompiledLoop.cursor`) over `items`, or moves it on.
    mutating func setCursor(_ cursor: LoopCursor, ofLoop loop: Int) {
        if loop >= loops.count { loops.append(contentsOf: repeatElement(nil, count: loop + 1 - loops.count)) }
        loops[loop] = cursor
    }

    init(id: String, flowName: String, startTime: Date, resourceNames: [String]) {
        self.id = id
        self.flowName = flowName
        self.startTime = startTime
        self.resourceNames = resourceNames
        self.values = Array(repeating: .null, count: resourceNames.count)
        self.status = .running
    }

    /// The current value of a variable (or other stored resource) by name; nil if there is none.
    public func value(of name: String) -> FlowValue? {
        guard let index = resourceNames.firstIndex(where: { FlowRecord.sameIgnoringCase($0, name) }) else {
            return nil
        }
        return values[index]
    }
}

/// Where an interview stands.
public enum InterviewStatus: Sendable, Codable, Hashable {
    /// Between elements (only seen by observers).
    case running
    /// Waiting for a person to answer a screen.
    case screen(ScreenPrompt)
    /// Reached the end; the output variables' values.
    case finished(outputs: [String: FlowValue])
    /// Stopped by an error no fault connector handled.
    case failed(FlowRuntimeError)

    public var prompt: ScreenPrompt? {
        if case .screen(let prompt) = self { return prompt }
        return nil
    }
}

/// Why an interview failed: the message, and the element (with its place in the file) that failed.
public struct FlowRuntimeError: Error, Sendable, Codable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// An element failed and had no fault connector.
        case unhandledFault
        /// The interview ran more elements in one transaction than allowed: probably an endless loop.
        case stepLimit
        /// A governor limit was exceeded (`System.LimitException`); fault connectors do not catch it.
        case limitExceeded
        /// A value had the wrong type at run time.
        case typeError
        /// An element read a field of a record variable that is null (`Get_Account.Name` after a
        /// Get Records that found nothing).
        case unsetValue
        /// A Custom Error element stopped the interview with its message.
        case customError
        /// The flow could not continue for another reason.
        case other
    }

    public var kind: Kind
    public var message: String
    public var elementName: String?
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, elementName: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.elementName = elementName
        self.location = location
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let element = elementName.map { "'\($0)': " } ?? ""
        return "\(place)\(element)\(message)"
    }
}

/// A value given to `Interpreter.start` that the flow cannot take.
public struct FlowInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
