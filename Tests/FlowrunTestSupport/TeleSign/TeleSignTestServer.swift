import Foundation
import Hummingbird
import Logging
import Synchronization

/// A local stand-in for rest-api.telesign.com: a real HTTP server on 127.0.0.1 (an OS-assigned
/// port) that answers `POST /v1/messaging` as plugin-apis.md §3 documents it (HTTP Basic
/// `customer id : API key`, form fields `phone_number`, `message`, `message_type`; status 290 on
/// success, `errors` and a status code on failure), and records what it receives.
///
/// Use ``withTeleSignTestServer(customerID:apiKey:_:)``; `server.environment` holds the
/// `TELESIGN_*` variables pointing a plug-in at it.
public final class TeleSignTestServer: Sendable {
    public static let defaultCustomerID = "FFFFFFFF-EEEE-DDDD-1234-AB1234567890"
    /// Shaped like a real key (base64); only this server knows it.
    public static let defaultAPIKey = "dGVzdC1hcGkta2V5LWZvci10aGUtdGVsZXNpZ24tc2VydmVy"

    public let customerID: String
    public let apiKey: String

    let state = Mutex(State())

    struct State {
        var requests: [ReceivedRequest] = []
        var messages: [ReceivedMessage] = []
        var scriptedResponses: [(status: Int, body: String)] = []
        var port: Int?
        var runTask: Task<Void, any Error>?
    }

    /// One request to `/v1/messaging`, as received.
    public struct ReceivedRequest: Sendable, Hashable {
        public var authUser: String?
        public var authenticated: Bool
        public var contentType: String?
        /// The body exactly as sent (`phone_number=15555550100&…`).
        public var rawBody: String
        public var form: [String: String]
    }

    /// One message the server accepted.
    public struct ReceivedMessage: Sendable, Hashable {
        public var referenceID: String
        public var phoneNumber: String
        public var message: String
        public var messageType: String
    }

    public init(customerID: String = TeleSignTestServer.defaultCustomerID, apiKey: String = TeleSignTestServer.defaultAPIKey) {
        self.customerID = customerID
        self.apiKey = apiKey
    }

    public var requests: [ReceivedRequest] { state.withLock { $0.requests } }
    public var messages: [ReceivedMessage] { state.withLock { $0.messages } }

    /// Only valid between `start()` and `stop()`.
    public var baseURL: String { "http://127.0.0.1:\(state.withLock { $0.port } ?? 0)" }

    /// `TELESIGN_CUSTOMER_ID`, `TELESIGN_API_KEY` and `TELESIGN_API_BASE_URL` for this server.
    public var environment: [String: String] {
        ["TELESIGN_CUSTOMER_ID": customerID, "TELESIGN_API_KEY": apiKey, "TELESIGN_API_BASE_URL": baseURL]
    }

    /// Answers the next request with this HTTP status and JSON body instead of handling it.
    public func respondNext(status: Int, body: String) {
        state.withLock { $0.scriptedResponses.append((status, body)) }
    }

    // MARK: Lifecycle

    public func start() async throws {
        let router = Router()
        router.post("/v1/messaging") { request, _ in try await self.message(request) }
        let server = try await LocalHTTPServer.start(router: router, name: "TeleSignTestServer")
        state.withLock {
            $0.port = server.port
            $0.runTask = server.task
        }
    }

    public func stop() async {
        let task = state.withLock { state -> Task<Void, any Error>? in
            defer { state.runTask = nil }
            return state.runTask
        }
        task?.cancel()
        _ = await task?.result
    }

    // MARK: The API

    private func message(_ request: Request) async throws -> Response {
        let rawBody = String(buffer: try await request.body.collect(upTo: 1 << 20))
        let form = FormDecoding.decode(rawBody)
        let credentials = BasicCredentials(header: request.headers[.authorization])
        let received = ReceivedRequest(
            authUser: credentials?.user, authenticated: credentials?.user == customerID && credentials?.password == apiKey,
            contentType: request.headers[.contentType], rawBody: rawBody, form: form
        )
        let scripted = state.withLock { state in
            state.requests.append(received)
            return state.scriptedResponses.isEmpty ? nil : state.scriptedResponses.removeFirst()
        }
        if let scripted { return Self.response(status: scripted.status, body: scripted.body) }

        // §3: auth errors are HTTP 401 with status 501 "Not authorized" and a negative error code.
        guard credentials?.user == customerID else {
            return Self.failure(http: 401, status: 501, "Not authorized", error: -30000, "Invalid Customer ID.")
        }
        guard credentials?.password == apiKey else {
            return Self.failure(http: 401, status: 501, "Not authorized", error: -30015, "Invalid API Key.")
        }
        // §3: "phone_number … with country code included. Avoid use of special characters and spaces."
        guard let phone = form["phone_number"], (8...15).contains(phone.count),
            phone.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return Self.invalidParameter("phone_number") }
        guard let text = form["message"], !text.isEmpty, text.count <= 1600 else {
            return Self.invalidParameter("message")
        }
        guard let type = form["message_type"], ["OTP", "ARN", "MKT"].contains(type) else {
            return Self.invalidParameter("message_type")
        }
        let referenceID = (0..<2).map { _ in
            let hex = String(UInt64.random(in: .min ... .max), radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        state.withLock {
            $0.messages.append(ReceivedMessage(referenceID: referenceID, phoneNumber: phone, message: text, messageType: type))
        }
        return Self.json(
            status: 200,
            [
                "reference_id": referenceID, "external_id": NSNull(),
                "status": ["code": 290, "description": "Message in progress", "updated_on": Self.now()] as [String: Any],
            ])
    }

    private static func invalidParameter(_ name: String) -> Response {
        failure(http: 400, status: 11000, "Invalid value for parameter \(name).", error: -10001, "Invalid parameter passed")
    }

    private static func failure(http: Int, status: Int, _ statusText: String, error: Int, _ errorText: String) -> Response {
        json(
            status: http,
            [
                "reference_id": NSNull(), "external_id": NSNull(),
                "status": ["code": status, "description": statusText, "updated_on": now()] as [String: Any],
                "errors": [["code": error, "description": errorText] as [String: Any]],
            ])
    }

    private static func json(status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return response(status: status, body: String(decoding: data, as: UTF8.self))
    }

    private static func response(status: Int, body: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    private static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// Runs `body` with a started ``TeleSignTestServer`` and stops it afterwards.
public func withTeleSignTestServer<Result: Sendable>(
    customerID: String = TeleSignTestServer.defaultCustomerID, apiKey: String = TeleSignTestServer.defaultAPIKey,
    _ body: (TeleSignTestServer) async throws -> Result
) async throws -> Result {
    let server = TeleSignTestServer(customerID: customerID, apiKey: apiKey)
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
