import AsyncHTTPClient
import Foundation

/// Creates messages through Twilio's Programmable Messaging API:
/// `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic auth.
/// The same client places calls (`TwilioMessagingClient+Calls.swift`): one account, one auth,
/// one error shape.
///
/// Runs on a caller-supplied `HTTPClient`, or ``HTTPClient/shared`` when none is given, so every
/// call reuses one connection pool and nothing needs shutting down. The shared client is asked
/// for on the first request, not when the plug-in is made: it starts NIO's event-loop threads,
/// which commands that never call out (`flowrun check`) should not pay for at start-up.
public struct TwilioMessagingClient: Sendable {
    public var baseURL: String
    public var timeout: Duration
    private let httpClient: HTTPClient?

    public init(
        baseURL: String = TwilioSettings.defaultBaseURL, timeout: Duration = TwilioSettings.defaultTimeout,
        httpClient: HTTPClient? = nil
    ) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.httpClient = httpClient
    }

    /// Sends one SMS and returns the created message (its `status` is normally `queued`).
    public func createMessage(
        to: String, from: String, body: String, credentials: TwilioCredentials
    ) async throws(TwilioError) -> TwilioMessage {
        let data = try await create(
            resource: "Messages.json", fields: [("To", to), ("From", from), ("Body", body)], credentials: credentials
        )
        guard let message = try? JSONDecoder().decode(TwilioMessage.self, from: data.body) else {
            throw .unexpectedResponse(
                httpStatus: data.status, detail: "a body that is not a Twilio Message resource (no sid and status)"
            )
        }
        return message
    }

    /// `POST {base}/2010-04-01/Accounts/{AccountSid}/{resource}`: the 2xx answer, or the error
    /// Twilio's error JSON describes.
    func create(
        resource: String, fields: [(name: String, value: String)], credentials: TwilioCredentials
    ) async throws(TwilioError) -> FormPost.Answer {
        guard TwilioCredentials.isValidAccountSid(credentials.accountSid) else { throw .invalidAccountSid }
        let post = FormPost(baseURL: baseURL, timeout: timeout, httpClient: httpClient ?? .shared)
        let answer: FormPost.Answer
        do {
            answer = try await post.post(
                path: "/2010-04-01/Accounts/\(credentials.accountSid)/\(resource)", fields: fields,
                authorization: credentials.basicAuthorization
            )
        } catch {
            switch error {
            case .invalidBaseURL: throw .invalidBaseURL(baseURL)
            case .timeout(let seconds): throw .timeout(baseURL: baseURL, seconds: seconds)
            case .unreachable(let reason): throw .unreachable(baseURL: baseURL, reason: reason)
            }
        }
        guard (200..<300).contains(answer.status) else {
            throw TwilioErrorResponse.error(httpStatus: answer.status, body: answer.body, contentType: answer.contentType)
        }
        return answer
    }

    /// `10`, `0.25`: the timeout as a person would write it.
    static func seconds(_ duration: Duration) -> String { FormPost.seconds(duration) }
}
