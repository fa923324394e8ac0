import Foundation

/// A TeleSign messaging answer: `{"reference_id", "status": {"code", "description"}, "errors": [...]}`.
///
/// TeleSign asks clients to "code against the status or error codes that come back in the content
/// of responses, rather than using the HTTP status code" (plugin-apis.md §3), so this, not the HTTP
/// status, decides success.
struct TeleSignResponse: Sendable, Decodable {
    struct Entry: Sendable, Decodable {
        var code: Int
        var description: String?
    }

    var referenceID: String?
    var status: Entry?
    var errors: [Entry]?

    enum CodingKeys: String, CodingKey {
        case referenceID = "reference_id"
        case status, errors
    }

    /// 290 "Message in progress" (the normal answer to a send), 203 "Delivered to gateway" and
    /// 200 "Delivered to handset": §3's success set. Everything else failed or is unknown.
    static let successCodes: Set<Int> = [290, 203, 200]

    var isSuccess: Bool { status.map { Self.successCodes.contains($0.code) } ?? false }

    /// Why the send failed, from the first error when there is one, else from the status.
    func failureReason(httpStatus: Int) -> String {
        let statusText = status.map { Self.text($0) }
        if let error = errors?.first {
            var reason = "TeleSign error \(Self.text(error))"
            if let statusText { reason += " (status \(statusText), HTTP \(httpStatus))" } else { reason += " (HTTP \(httpStatus))" }
            return reason
        }
        if let statusText { return "TeleSign status \(statusText) (HTTP \(httpStatus))" }
        return "TeleSign answered HTTP \(httpStatus) with JSON that has neither a status nor errors"
    }

    /// `290 Message in progress`, or just the code when there is no description.
    private static func text(_ entry: Entry) -> String {
        guard let description = entry.description, !description.isEmpty else { return String(entry.code) }
        return "\(entry.code) \(description)"
    }
}
