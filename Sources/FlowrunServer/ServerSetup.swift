import FlowrunCore
import Foundation
import Logging

/// Everything a `flowrun serve` application runs with, built by `ServeCommand` from its options
/// or by a test from its own parts.
public struct ServerSetup: Sendable {
    public var catalog: FlowCatalog
    public var records: any RecordStore
    public var interviews: any InterviewStore
    /// Attempt counters and ended sessions: shared by the servers sharing a database.
    public var access: any AccessStore
    public var key: ServerKey
    public var loginFlows: LoginFlowConfiguration
    /// Where development transports write (the SMS plug-in without Twilio credentials).
    public var console: any ConsoleOutput
    public var clock: any FlowClock
    public var logger: Logger
    /// Mark cookies Secure even without `X-Forwarded-Proto: https` (the server is behind TLS).
    public var secureCookies: Bool
    /// Served under `/assets/` (logos that display text shows).
    public var assetsDirectory: String?
    /// `--debug-view`: each interview's diagram and trace at `/interviews/{id}/debug`, for the
    /// flow's author; never for login flows.
    public var debugView: Bool
    /// The threads password hashes run on, and how many may wait.
    public var passwordHashing: PasswordHashing = .shared
    /// How many interviews may be started per client address and in all (429 past them).
    public var startLimits = InterviewStartLimits()
    /// An interview nobody answers for this long is deleted (24 hours unless set).
    public var interviewLifetime: TimeInterval = 24 * 60 * 60
    /// How long a connection may stay idle and how many may be open at once.
    public var connections = ConnectionLimits()

    public init(
        catalog: FlowCatalog, records: any RecordStore, interviews: any InterviewStore,
        access: any AccessStore = InMemoryAccessStore(), key: ServerKey,
        loginFlows: LoginFlowConfiguration = .init(), console: any ConsoleOutput = StandardOutput(),
        clock: any FlowClock = SystemClock(), logger: Logger = Logger(label: "flowrun.serve"),
        secureCookies: Bool = false, assetsDirectory: String? = nil, debugView: Bool = false
    ) {
        self.catalog = catalog
        self.records = records
        self.interviews = interviews
        self.access = access
        self.key = key
        self.loginFlows = loginFlows
        self.console = console
        self.clock = clock
        self.logger = logger
        self.secureCookies = secureCookies
        self.assetsDirectory = assetsDirectory
        self.debugView = debugView
    }
}
