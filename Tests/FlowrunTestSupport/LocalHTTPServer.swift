import Hummingbird
import Logging

/// A Hummingbird server on 127.0.0.1 with an OS-assigned port, run by a test (no signal
/// handlers: the test owns the lifecycle and stops it by cancelling `task`).
struct LocalHTTPServer {
    let port: Int
    let task: Task<Void, any Error>

    /// Starts `router` and returns once the server accepts connections.
    static func start(router: Router<BasicRequestContext>, name: String) async throws -> LocalHTTPServer {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "flowrun.test.\(name)")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: name),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { portContinuation.yield(port) }
                portContinuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { portContinuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var bound: Int?
        for await port in ports { bound = port }
        guard let bound else {
            try await task.value  // rethrows why the server did not start
            throw TwilioTestServerError.didNotStart
        }
        return LocalHTTPServer(port: bound, task: task)
    }
}
