import Foundation
import Hummingbird

/// The Calls endpoint (`CreateCall`), answering as Twilio's 2010 API documents it: `To` and `From`
/// required, and one of `Url`, `Twiml` or `ApplicationSid`.
extension TwilioTestServer {
    func createCall(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form: [String: String]
        let authUser: String
        switch try await receive(request, context: context, resource: "Calls.json") {
        case .answered(let response): return response
        case .accepted(let received, let user): (form, authUser) = (received, user)
        }
        func given(_ name: String) -> String? { form[name].flatMap { $0.isEmpty ? nil : $0 } }

        // Twilio's error codes for missing call parameters as best known; tests assert on the
        // HTTP status and message, not on these numbers.
        guard let to = given("To") else {
            return Self.error(status: 400, code: 21201, message: "No 'To' number is specified")
        }
        guard let from = given("From") else {
            return Self.error(status: 400, code: 21213, message: "No 'From' number is specified")
        }
        let url = given("Url")
        let twiml = given("Twiml")
        guard url != nil || twiml != nil || given("ApplicationSid") != nil else {
            return Self.error(status: 400, code: 21205, message: "Url parameter is required.")
        }
        if let twiml, twiml.count > 4000 {
            return Self.error(status: 400, code: 21205, message: "Twiml exceeds 4000 characters.")
        }
        let call = ReceivedCall(
            sid: Self.newSid(prefix: "CA"), accountSid: accountSid, to: to, from: from,
            // "If both twiml and url are provided then twiml parameter will be ignored."
            twiml: url == nil ? twiml : nil, url: url, authUser: authUser
        )
        state.withLock { $0.calls.append(call) }
        return Self.created(call)
    }

    /// The 201 body: a Call resource (`api.v2010.account.call`) just queued.
    private static func created(_ call: ReceivedCall) -> Response {
        let now = rfc2822(Date())
        let uri = "/2010-04-01/Accounts/\(call.accountSid)/Calls/\(call.sid)"
        let json: [String: Any] = [
            "account_sid": call.accountSid, "api_version": "2010-04-01", "answered_by": NSNull(),
            "caller_name": NSNull(), "date_created": now, "date_updated": now, "direction": "outbound-api",
            "duration": NSNull(), "end_time": NSNull(), "forwarded_from": NSNull(), "from": call.from,
            "from_formatted": call.from, "parent_call_sid": NSNull(), "price": NSNull(), "price_unit": "USD",
            "sid": call.sid, "start_time": NSNull(), "status": "queued",
            "subresource_uris": ["recordings": "\(uri)/Recordings.json"], "to": call.to, "to_formatted": call.to,
            "uri": "\(uri).json",
        ]
        return response(status: 201, json: json)
    }
}
