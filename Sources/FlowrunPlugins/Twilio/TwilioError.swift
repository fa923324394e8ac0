/// Why a Twilio request failed. Every description is fit for a log line and a flow screen:
/// none holds the token or the message body.
public enum TwilioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The AccountSid is not `AC` and 32 hexadecimal digits; nothing was sent.
    case invalidAccountSid
    /// The base URL is not an absolute http(s) URL; nothing was sent.
    case invalidBaseURL(String)
    /// Twilio answered with an error: the HTTP status and what its error JSON said.
    case api(httpStatus: Int, code: Int?, message: String?, moreInfo: String?)
    /// Twilio answered with something that is neither a message nor Twilio error JSON.
    case unexpectedResponse(httpStatus: Int, detail: String)
    /// No complete answer within the timeout.
    case timeout(baseURL: String, seconds: String)
    /// The request never got an answer (connection refused, DNS, TLS, reset, …).
    case unreachable(baseURL: String, reason: String)

    public var description: String {
        switch self {
        case .invalidAccountSid:
            return "the Twilio AccountSid is not valid: it must be \"AC\" followed by 32 hexadecimal digits"
        case .invalidBaseURL(let url):
            return "the Twilio API base URL \"\(url)\" is not an absolute http or https URL (check TWILIO_API_BASE_URL)"
        case .api(let httpStatus, let code, let message, let moreInfo):
            var text = code.map { "Twilio error \($0)" } ?? "Twilio answered HTTP \(httpStatus)"
            if let message, !message.isEmpty { text += ": \(message)" }
            if code != nil { text += " (HTTP \(httpStatus))" }
            if let moreInfo, !moreInfo.isEmpty { text += " See \(moreInfo)" }
            return text
        case .unexpectedResponse(let httpStatus, let detail):
            return "Twilio answered HTTP \(httpStatus) with \(detail)"
        case .timeout(let baseURL, let seconds):
            return "could not reach \(baseURL) (timeout after \(seconds) s)"
        case .unreachable(let baseURL, let reason):
            return "could not reach \(baseURL) (\(reason))"
        }
    }

    /// Twilio's error code, when it gave one.
    public var twilioCode: Int? {
        if case .api(_, let code, _, _) = self { return code }
        return nil
    }
}
