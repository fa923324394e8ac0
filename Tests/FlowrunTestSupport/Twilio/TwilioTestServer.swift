import Foundation
import Hummingbird
import Logging
import Synchronization

/// A local stand-in for api.twilio.com: a real HTTP server on 127.0.0.1 (an OS-assigned port)
/// that answers `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` and `…/Calls.json` as
/// Twilio documents them (the Message and Call resources of its REST API), and records what it
/// receives.
///
/// Use ``withTwilioTestServer(accountSid:authToken:_:)``, or ``start()`` and ``stop()``:
/// ```swift
/// try await withTwilioTestServer { server in
///     let plugin = SMSPlugin(environment: server.environment)
///     … invoke it …
///     #expect(server.messages.first?.to == "+15555550100")
/// }
/// ```
/// `server.environment` holds the `TWILIO_*` variables that point a plug-in (or a `flowrun`
/// process) at this server with valid credentials.
public final class TwilioTestServer: Sendable {
    /// A valid-looking Account SID, used unless a test gives its own.
    public static let defaultAccountSid = "AC0123456789abcdef0123456789abcdef"
    /// The matching Auth Token (32 characters, like a real one).
    public static let defaultAuthToken = "test-auth-token-0123456789abcdef"
    /// The sender number `environment` gives.
    public static let defaultFromNumber = "+15005550006"

    /// The credentials requests must carry (HTTP Basic user and password).
    public let accountSid: String
    public let authToken: String

    let state = Mutex(State())

    struct State {
        var requests: [ReceivedRequest] = []
        var messages: [ReceivedMessage] = []
        var calls: [ReceivedCall] = []
        var scriptedResponses: [ScriptedResponse] = []
        var scriptedDelays: [Duration] = []
        var port: Int?
        var isStopping = false
        var runTask: Task<Void, any Error>?
    }

    public init(accountSid: String = TwilioTestServer.defaultAccountSid, authToken: String = TwilioTestServer.defaultAuthToken) {
        self.accountSid = accountSid
        self.authToken = authToken
    }

    // MARK: What tests read

    /// Every request that reached the Messages or Calls endpoint, answered successfully or not, in order.
    public var requests: [ReceivedRequest] { state.withLock { $0.requests } }

    /// Every message the server accepted (answered 201), in order.
    public var messages: [ReceivedMessage] { state.withLock { $0.messages } }

    /// Every call the server accepted (answered 201), in order.
    public var calls: [ReceivedCall] { state.withLock { $0.calls } }

    /// The port the server listens on. Only valid between `start()` and `stop()`.
    public var port: Int {
        guard let port = state.withLock({ $0.port }) else {
            preconditionFailure("TwilioTestServer.port read before start()")
        }
        return port
    }

    /// `http://127.0.0.1:<port>`, for `TWILIO_API_BASE_URL`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_FROM_NUMBER` and `TWILIO_API_BASE_URL`
    /// for this server.
    public var environment: [String: String] {
        [
            "TWILIO_ACCOUNT_SID": accountSid, "TWILIO_AUTH_TOKEN": authToken,
            "TWILIO_FROM_NUMBER": Self.defaultFromNumber, "TWILIO_API_BASE_URL": baseURL,
        ]
    }

    // MARK: What tests script

    /// Answers the next request with this status and body instead of handling it (queued: a
    /// second call scripts the request after). The request is still recorded.
    public func failNextRequest(status: Int, body: String, contentType: String = "application/json") {
        state.withLock { $0.scriptedResponses.append(ScriptedResponse(status: status, body: body, contentType: contentType)) }
    }

    /// Holds the next request this long before answering (for timeout tests). `stop()` cuts the
    /// wait short, so a test does not outlive its client's timeout by much.
    public func delayNextRequest(by delay: Duration) {
        state.withLock { $0.scriptedDelays.append(delay) }
    }

    // MARK: Lifecycle

    /// Binds 127.0.0.1 on a free port and returns once the server accepts connections.
    public func start() async throws {
        let server = try await LocalHTTPServer.start(router: makeRouter(), name: "TwilioTestServer")
        state.withLock {
            $0.port = server.port
            $0.runTask = server.task
            $0.isStopping = false
        }
    }

    /// Stops the server and waits until it has closed its socket.
    public func stop() async {
        let task = state.withLock { state -> Task<Void, any Error>? in
            state.isStopping = true
            defer { state.runTask = nil }
            return state.runTask
        }
        task?.cancel()
        _ = await task?.result
    }

    var isStopping: Bool { state.withLock { $0.isStopping } }
}

/// Runs `body` with a started ``TwilioTestServer`` and stops the server afterwards, whether
/// `body` returns or throws.
public func withTwilioTestServer<Result: Sendable>(
    accountSid: String = TwilioTestServer.defaultAccountSid,
    authToken: String = TwilioTestServer.defaultAuthToken,
    _ body: (TwilioTestServer) async throws -> Result
) async throws -> Result {
    let server = TwilioTestServer(accountSid: accountSid, authToken: authToken)
    try await server.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

public enum TwilioTestServerError: Error, CustomStringConvertible {
    case didNotStart

    public var description: String { "the Twilio test server did not report a listening port" }
}
