import Foundation

/// How to reach the SMTP server, from the environment:
///
/// | variable | meaning |
/// |---|---|
/// | `FLOWRUN_SMTP_HOST` | the server; unset means development: messages go to the outbox folder |
/// | `FLOWRUN_SMTP_PORT` | default 587 (465 with `tls`, 25 with `none`) |
/// | `FLOWRUN_SMTP_SECURITY` | `starttls` (default: upgrade, and refuse a server that cannot), `tls` (TLS from the start), `none` |
/// | `FLOWRUN_SMTP_USERNAME`, `FLOWRUN_SMTP_PASSWORD` | AUTH PLAIN or LOGIN, only ever over TLS unless `none` |
/// | `FLOWRUN_SMTP_FROM` | the sender when a flow gives none (default `flowrun@localhost`) |
/// | `FLOWRUN_SMTP_CA_FILE` | PEM certificates to trust besides the system's (a company CA; tests' self-signed one) |
/// | `FLOWRUN_SMTP_TIMEOUT` | seconds one message may take in all, connection included (default 30) |
public struct SMTPSettings: Sendable, Hashable {
    public enum Security: String, Sendable, Hashable {
        case startTLS = "starttls"
        case tls
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var defaultSender: String
    public var caFile: String?
    public var timeout: Duration
    /// The name this client gives in EHLO.
    public var clientName: String

    public init(
        host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String? = nil,
        defaultSender: String = "flowrun@localhost", caFile: String? = nil, timeout: Duration = .seconds(30),
        clientName: String = "localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.defaultSender = defaultSender
        self.caFile = caFile
        self.timeout = timeout
        self.clientName = clientName
    }

    public static let defaultSenderAddress = "flowrun@localhost"

    /// The settings the environment gives, nil when `FLOWRUN_SMTP_HOST` is unset (development),
    /// or a failure naming the variable that is wrong.
    public static func from(environment: [String: String]) -> Result<SMTPSettings, EmailSendFailure>? {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        guard let host = value("FLOWRUN_SMTP_HOST") else { return nil }
        let securityText = value("FLOWRUN_SMTP_SECURITY")?.lowercased() ?? Security.startTLS.rawValue
        guard let security = Security(rawValue: securityText) else {
            return .failure(EmailSendFailure("FLOWRUN_SMTP_SECURITY is \"\(securityText)\": use starttls, tls or none"))
        }
        let defaultPort =
            switch security {
            case .startTLS: 587
            case .tls: 465
            case .none: 25
            }
        var port = defaultPort
        if let text = value("FLOWRUN_SMTP_PORT") {
            guard let number = Int(text), (1...65535).contains(number) else {
                return .failure(EmailSendFailure("FLOWRUN_SMTP_PORT is \"\(text)\": expected a port number"))
            }
            port = number
        }
        var timeout = Duration.seconds(30)
        if let text = value("FLOWRUN_SMTP_TIMEOUT") {
            guard let seconds = Double(text), seconds > 0, seconds <= 600 else {
                return .failure(EmailSendFailure("FLOWRUN_SMTP_TIMEOUT is \"\(text)\": expected seconds, up to 600"))
            }
            timeout = .milliseconds(Int(seconds * 1000))
        }
        let username = value("FLOWRUN_SMTP_USERNAME")
        // The password is kept as given: surrounding spaces may belong to it.
        let password = environment["FLOWRUN_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (username == nil) != (password == nil) {
            return .failure(EmailSendFailure("set both FLOWRUN_SMTP_USERNAME and FLOWRUN_SMTP_PASSWORD, or neither"))
        }
        return .success(
            SMTPSettings(
                host: host, port: port, security: security, username: username, password: password,
                defaultSender: value("FLOWRUN_SMTP_FROM") ?? defaultSenderAddress, caFile: value("FLOWRUN_SMTP_CA_FILE"),
                timeout: timeout))
    }
}
