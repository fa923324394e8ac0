import Logging

/// What an interview uses from the outside world, injected (never global) so tests control it.
public struct FlowServices: Sendable {
    public var records: any RecordStore
    public var clock: any FlowClock
    public var random: any RandomSource
    public var console: any ConsoleOutput
    public var logger: Logger
    /// The record `$User` reads (the person running the flow), if known.
    public var runningUser: FlowRecord?
    public var observer: (any ExecutionObserver)?

    public init(
        records: any RecordStore, clock: any FlowClock = SystemClock(), random: any RandomSource = SystemRandomSource(),
        console: any ConsoleOutput = StandardOutput(), logger: Logger = Logger(label: "flowrun"),
        runningUser: FlowRecord? = nil, observer: (any ExecutionObserver)? = nil
    ) {
        self.records = records
        self.clock = clock
        self.random = random
        self.console = console
        self.logger = logger
        self.runningUser = runningUser
        self.observer = observer
    }
}

/// Limits that keep a run bounded.
public struct InterpreterConfiguration: Sendable {
    /// Elements one transaction (the stretch between two screens) may execute before the interview
    /// fails as an endless loop.
    public var maxStepsPerTransaction: Int
    /// Whether Salesforce's per-transaction governor limits are counted (`GovernorLimits`).
    public var enforcesGovernorLimits: Bool

    public init(maxStepsPerTransaction: Int = 100_000, enforcesGovernorLimits: Bool = true) {
        self.maxStepsPerTransaction = maxStepsPerTransaction
        self.enforcesGovernorLimits = enforcesGovernorLimits
    }
}

/// Watches an interview run: `--trace` and coverage are observers.
public protocol ExecutionObserver: Sendable {
    func observe(_ event: ExecutionEvent)
}
