import Foundation
import Hummingbird

/// The Messages endpoint, answering as Twilio's 2010 API does (Calls: `TwilioTestServer+Calls.swift`).
extension TwilioTestServer {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/2010-04-01/Accounts/:accountSid/Messages.json") { request, context in
            try await self.createMessage(request, context: context)
        }
        router.post("/2010-04-01/Accounts/:accountSid/Calls.json") { request, context in
            try await self.createCall(request, context: context)
        }
        return router
    }

    /// What every create endpoint does first: record the request, honour a scripted delay or
    /// answer, then check the credentials and the path's account. Returns the decoded form and
    /// the Basic user, or the answer to send instead.
    func receive(
        _ request: Request, context: BasicRequestContext, resource: String
    ) async throws -> Reception {
        let pathAccountSid = context.parameters.get("accountSid") ?? ""
        let rawBody = String(buffer: try await request.body.collect(upTo: 1 << 20))
        let form = FormDecoding.decode(rawBody)
        let credentials = BasicCredentials(header: request.headers[.authorization])
        let authenticated = credentials?.user == accountSid && credentials?.password == authToken
        let received = ReceivedRequest(
            pathAccountSid: pathAccountSid, authUser: credentials?.user, authenticated: authenticated,
            contentType: request.headers[.contentType], rawBody: rawBody, form: form, resource: resource
        )
        let (scripted, delay) = state.withLock { state in
            state.requests.append(received)
            return (
                state.scriptedResponses.isEmpty ? nil : state.scriptedResponses.removeFirst(),
                state.scriptedDelays.isEmpty ? nil : state.scriptedDelays.removeFirst()
            )
        }
        if let delay { await wait(delay) }
        if let scripted {
            return .answered(Self.response(status: scripted.status, body: scripted.body, contentType: scripted.contentType))
        }
        guard authenticated else {
            var response = Self.error(
                status: 401, code: 20003, message: "Authenticate",
                extra: ["detail": "Your AccountSid or AuthToken was incorrect."]
            )
            response.headers[.wwwAuthenticate] = "Basic realm=\"Twilio API\""
            return .answered(response)
        }
        guard pathAccountSid == accountSid else {
            return .answered(
                Self.error(
                    status: 404, code: 20404,
                    message: "The requested resource /2010-04-01/Accounts/\(pathAccountSid)/\(resource) was not found"
                ))
        }
        return .accepted(form: form, authUser: credentials?.user ?? "")
    }

    /// What `receive` decided: answer now (scripted, unauthenticated, wrong account), or let the
    /// endpoint check the form.
    enum Reception {
        case answered(Response)
        case accepted(form: [String: String], authUser: String)
    }

    private func createMessage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form: [String: String]
        let authUser: String
        switch try await receive(request, context: context, resource: "Messages.json") {
        case .answered(let response): return response
        case .accepted(let received, let user): (form, authUser) = (received, user)
        }
        guard let to = form["To"], !to.isEmpty else {
            return Self.error(status: 400, code: 21604, message: "A 'To' phone number is required.")
        }
        let from = form["From"].flatMap { $0.isEmpty ? nil : $0 }
        let messagingServiceSid = form["MessagingServiceSid"].flatMap { $0.isEmpty ? nil : $0 }
        guard from != nil || messagingServiceSid != nil else {
            return Self.error(status: 400, code: 21603, message: "A 'From' phone number is required.")
        }
        guard let body = form["Body"], !body.isEmpty else {
            return Self.error(status: 400, code: 21602, message: "Message body is required.")
        }
        guard Self.isE164(to) else {
            return Self.error(status: 400, code: 21211, message: "The 'To' number \(to) is not a valid phone number.")
        }
        let message = ReceivedMessage(
            sid: Self.newSid(prefix: "SM"), accountSid: accountSid, to: to, from: from,
            messagingServiceSid: messagingServiceSid, body: body, authUser: authUser
        )
        state.withLock { $0.messages.append(message) }
        return Self.created(message)
    }

    /// Sleeps in small steps so `stop()` ends the wait at once.
    private func wait(_ delay: Duration) async {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: delay)
        while clock.now < end, !isStopping, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    // MARK: Twilio's answers

    /// The 201 body, shaped like the spec's `create` example.
    private static func created(_ message: ReceivedMessage) -> Response {
        let now = rfc2822(Date())
        let uri = "/2010-04-01/Accounts/\(message.accountSid)/Messages/\(message.sid)"
        let json: [String: Any] = [
            "account_sid": message.accountSid, "api_version": "2010-04-01", "body": message.body,
            "date_created": now, "date_sent": NSNull(), "date_updated": now, "direction": "outbound-api",
            "error_code": NSNull(), "error_message": NSNull(), "from": message.from ?? NSNull(),
            "messaging_service_sid": message.messagingServiceSid ?? NSNull(), "num_media": "0",
            "num_segments": "1", "price": NSNull(), "price_unit": "USD", "sid": message.sid, "status": "queued",
            "subresource_uris": ["media": "\(uri)/Media.json"], "to": message.to, "uri": "\(uri).json",
        ]
        return response(status: 201, json: json)
    }

    /// The flat 2010 API error body: `{"code","message","more_info","status"}`.
    static func error(status: Int, code: Int, message: String, extra: [String: Any] = [:]) -> Response {
        var json: [String: Any] = [
            "code": code, "message": message, "more_info": "https://www.twilio.com/docs/errors/\(code)", "status": status,
        ]
        json.merge(extra) { current, _ in current }
        return response(status: status, json: json)
    }

    static func response(status: Int, json: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
        return response(status: status, body: String(decoding: data, as: UTF8.self), contentType: "application/json")
    }

    static func response(status: Int, body: String, contentType: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    // MARK: Helpers

    /// `+`, a non-zero digit, then up to 14 more digits: what Twilio accepts as E.164.
    static func isE164(_ number: String) -> Bool {
        let digits = number.utf8.dropFirst()
        return number.hasPrefix("+") && (2...15).contains(digits.count)
            && digits.first != UInt8(ascii: "0")
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    static func newSid(prefix: String) -> String {
        prefix
            + (0..<2).map { _ in
                let hex = String(UInt64.random(in: .min ... .max), radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined()
    }

    static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// HTTP Basic credentials from an `Authorization` header.
struct BasicCredentials {
    var user: String
    var password: String

    init?(header: String?) {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        user = String(decoded[..<colon])
        password = String(decoded[decoded.index(after: colon)...])
    }
}

/// Decodes `application/x-www-form-urlencoded` the way servers do: `+` is a space, so a client
/// that forgets to encode `+` is caught.
enum FormDecoding {
    static func decode(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = component(parts[0])
            fields[name] = parts.count > 1 ? component(parts[1]) : ""
        }
        return fields
    }

    private static func component(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
