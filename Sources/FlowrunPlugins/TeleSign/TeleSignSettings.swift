import Foundation

/// TeleSign settings from the environment: `TELESIGN_CUSTOMER_ID`, `TELESIGN_API_KEY` and
/// `TELESIGN_API_BASE_URL` (so tests and proxies can stand in for rest-api.telesign.com).
public struct TeleSignSettings: Sendable {
    /// The standard accounts' endpoint (plugin-apis.md §3; enterprise accounts use rest-ww).
    public static let defaultBaseURL = "https://rest-api.telesign.com"

    public var customerID: String?
    public var apiKey: String?
    /// Scheme, host and optional port, without a trailing slash.
    public var baseURL: String
    public var timeout: Duration

    public init(
        customerID: String? = nil, apiKey: String? = nil, baseURL: String = TeleSignSettings.defaultBaseURL,
        timeout: Duration = TwilioSettings.defaultTimeout
    ) {
        self.customerID = customerID
        self.apiKey = apiKey
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.timeout = timeout
    }

    /// Blank values count as unset.
    public init(environment: [String: String], timeout: Duration = TwilioSettings.defaultTimeout) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        self.init(
            customerID: value("TELESIGN_CUSTOMER_ID"), apiKey: value("TELESIGN_API_KEY"),
            baseURL: value("TELESIGN_API_BASE_URL") ?? Self.defaultBaseURL, timeout: timeout
        )
    }
}

extension TeleSignSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // The API key is a credential: printing or dumping settings must not show it.
    public var description: String {
        "TeleSignSettings(customerID: \(customerID ?? "nil"), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), "
            + "baseURL: \(baseURL), timeout: \(timeout))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}
