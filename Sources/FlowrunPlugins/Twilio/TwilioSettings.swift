import Foundation

/// Twilio settings a process gets from its environment, using Twilio's own variable names.
///
/// Each credential here is only a fallback: a flow that passes `AccountSid`, `Token` or `From`
/// overrides the matching one.
public struct TwilioSettings: Sendable {
    public static let defaultBaseURL = "https://api.twilio.com"
    public static let defaultTimeout: Duration = .seconds(10)

    public var accountSid: String?
    public var authToken: String?
    public var fromNumber: String?
    /// Scheme, host and optional port, without a trailing slash (`TWILIO_API_BASE_URL`, so tests
    /// and proxies can stand in for api.twilio.com).
    public var baseURL: String
    /// How long one request may take in all, connecting included.
    public var timeout: Duration

    public init(
        accountSid: String? = nil, authToken: String? = nil, fromNumber: String? = nil,
        baseURL: String = TwilioSettings.defaultBaseURL, timeout: Duration = TwilioSettings.defaultTimeout
    ) {
        self.accountSid = accountSid
        self.authToken = authToken
        self.fromNumber = fromNumber
        self.baseURL = Self.trimmingTrailingSlashes(baseURL)
        self.timeout = timeout
    }

    /// Reads `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_FROM_NUMBER` and
    /// `TWILIO_API_BASE_URL`; blank values count as unset.
    public init(environment: [String: String], timeout: Duration = TwilioSettings.defaultTimeout) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        self.init(
            accountSid: value("TWILIO_ACCOUNT_SID"), authToken: value("TWILIO_AUTH_TOKEN"),
            fromNumber: value("TWILIO_FROM_NUMBER"), baseURL: value("TWILIO_API_BASE_URL") ?? Self.defaultBaseURL,
            timeout: timeout
        )
    }

    private static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

extension TwilioSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // The token is a credential: printing or dumping settings must not show it.
    public var description: String {
        "TwilioSettings(accountSid: \(accountSid ?? "nil"), authToken: \(authToken == nil ? "nil" : "<redacted>"), "
            + "fromNumber: \(fromNumber ?? "nil"), baseURL: \(baseURL), timeout: \(timeout))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
