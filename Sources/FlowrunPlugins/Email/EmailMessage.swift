import Foundation

/// One email to send: plain text or HTML, to one or more addresses.
///
/// The body may hold a one-time code, so it never shows in `description` or `dump`.
public struct EmailMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    public var isHTML: Bool

    public init(from: String, to: [String], subject: String, body: String, isHTML: Bool = false) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.isHTML = isHTML
    }

    /// Checks what goes into the envelope and the headers: every address must be a plain
    /// `local@domain` (no display name, no spaces, no line breaks, so nothing can be injected into
    /// an SMTP command or a header), and there must be a recipient.
    public func validated() throws(EmailSendFailure) -> EmailMessage {
        guard !to.isEmpty else { throw EmailSendFailure("no recipient: the email address is blank") }
        for address in [from] + to where !Self.isPlainAddress(address) {
            throw EmailSendFailure("\"\(address)\" is not an email address (expected name@domain)")
        }
        guard !subject.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw EmailSendFailure("the subject must be one line")
        }
        return self
    }

    static func isPlainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        // A dotless domain is allowed: `flowrun@localhost` is the development sender.
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.count <= 254 else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7f && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        } && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    /// The message as RFC 5322 text with CRLF line ends, UTF-8 body sent as 8bit (SMTP
    /// `8BITMIME`; every server flowrun targets has it), subject in an encoded-word when not ASCII.
    public func rendered(date: Date, messageID: String) -> String {
        let headers = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedHeader(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: \(isHTML ? "text/html" : "text/plain"); charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return (headers + [""] + lines.map(String.init)).joined(separator: "\r\n") + "\r\n"
    }

    static func encodedHeader(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return text }
        return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

extension EmailMessage: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "email to \(to.joined(separator: ", ")) (\(body.count) characters)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["from": from, "to": to, "subject": subject], displayStyle: .struct)
    }
}

/// Why an email was not sent, in words fit for a flow screen and a log line: never the body or
/// a password.
public struct EmailSendFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// What happened to a message that was handed on.
public struct EmailReceipt: Sendable, Hashable {
    /// `sent` (accepted by the SMTP server) or `saved-to-outbox` (development).
    public var status: String
    public var detail: String

    public init(status: String, detail: String) {
        self.status = status
        self.detail = detail
    }
}
