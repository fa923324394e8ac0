import AsyncHTTPClient
import FlowrunCore
import Foundation

/// Sends the SMS plug-in's message through TeleSign: `POST {base}/v1/messaging`, form-encoded
/// `phone_number`, `message` and `message_type=OTP`, HTTP Basic auth `customer id : API key`
/// (plugin-apis.md §3; Basic rather than TeleSign's HMAC scheme, which both auth methods accept).
///
/// Credentials come only from ``TeleSignSettings`` (the environment): the SMS plug-in's
/// `AccountSid`, `Token` and `From` are Twilio's and are not reused, so a flow written for Twilio
/// never sends its Twilio token to another vendor.
///
/// `Status` on success is TeleSign's status description ("Message in progress"); the API key never
/// appears in a reason, and the plug-in masks it again (``heldSecrets``).
public struct TeleSignSMSTransport: SMSTransport {
    public var settings: TeleSignSettings
    /// nil: ``HTTPClient/shared``, asked for on the first send (see ``TwilioMessagingClient``).
    private let httpClient: HTTPClient?

    public init(settings: TeleSignSettings, httpClient: HTTPClient? = nil) {
        self.settings = settings
        self.httpClient = httpClient
    }

    public var heldSecrets: [String] { settings.apiKey.map { [$0] } ?? [] }

    public func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        guard let customerID = settings.customerID else {
            throw SMSSendFailure("no TeleSign customer ID: set TELESIGN_CUSTOMER_ID")
        }
        guard let apiKey = settings.apiKey else {
            throw SMSSendFailure("no TeleSign API key: set TELESIGN_API_KEY")
        }
        let phoneNumber = Self.phoneNumber(message.to)
        guard !phoneNumber.isEmpty else {
            throw SMSSendFailure("the To number \"\(message.to)\" has no digits")
        }
        let post = FormPost(baseURL: settings.baseURL, timeout: settings.timeout, httpClient: httpClient ?? .shared)
        let answer: FormPost.Answer
        do {
            answer = try await post.post(
                path: "/v1/messaging",
                fields: [("phone_number", phoneNumber), ("message", message.body), ("message_type", "OTP")],
                authorization: "Basic " + Data("\(customerID):\(apiKey)".utf8).base64EncodedString()
            )
        } catch {
            throw SMSSendFailure(describe(error))
        }
        guard let response = try? JSONDecoder().decode(TeleSignResponse.self, from: answer.body) else {
            let kind = answer.contentType.map { "a \($0) body" } ?? "a body"
            // The body is not quoted: a proxy may echo the request, code included.
            throw SMSSendFailure(
                "TeleSign answered HTTP \(answer.status) with \(kind) of \(answer.body.count) bytes that is not TeleSign JSON"
            )
        }
        guard response.isSuccess, let status = response.status else {
            throw SMSSendFailure(response.failureReason(httpStatus: answer.status))
        }
        let word = status.description.flatMap { $0.isEmpty ? nil : $0 } ?? String(status.code)
        return SMSReceipt(
            status: word, messageID: response.referenceID,
            detail: "TeleSign accepted message \(response.referenceID ?? "-") with status \(status.code) (\(word))"
        )
    }

    /// The number as TeleSign wants it: country code and digits only, "+", spaces and
    /// punctuation dropped (§3: "Avoid use of special characters and spaces").
    static func phoneNumber(_ number: String) -> String {
        String(number.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }

    private func describe(_ failure: FormPost.Failure) -> String {
        switch failure {
        case .invalidBaseURL:
            "the TeleSign API base URL \"\(settings.baseURL)\" is not an absolute http or https URL (check TELESIGN_API_BASE_URL)"
        case .timeout(let seconds):
            "could not reach \(settings.baseURL) (timeout after \(seconds) s)"
        case .unreachable(let reason):
            "could not reach \(settings.baseURL) (\(reason))"
        }
    }
}
