import Foundation

/// The fields flowrun reads from a created Message resource (`api.v2010.account.message`).
///
/// The body is left out on purpose: it holds the one-time code.
public struct TwilioMessage: Sendable, Hashable, Decodable {
    /// `SM…` (or `MM…`), 34 characters.
    public var sid: String
    /// `queued` right after creation, or `accepted` with a Messaging Service.
    public var status: String
    public var to: String?
    public var from: String?

    enum CodingKeys: String, CodingKey { case sid, status, to, from }
}

/// Reads the error JSON of a failed Twilio request.
///
/// The 2010 API answers `{"code","message","more_info","status"}`; newer product APIs answer
/// `{"errors":[{"code","message",…}]}`. Both are read, with `code` as a number or a string,
/// and anything else (an HTML proxy page, an empty body) is described instead.
enum TwilioErrorResponse {
    static func error(httpStatus: Int, body: Data, contentType: String?) -> TwilioError {
        if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
            if let entries = object["errors"] as? [[String: Any]], let first = entries.first {
                return fields(first, httpStatus: httpStatus)
            }
            if object["code"] != nil || object["message"] != nil {
                return fields(object, httpStatus: httpStatus)
            }
        }
        return .unexpectedResponse(httpStatus: httpStatus, detail: describe(body: body, contentType: contentType))
    }

    private static func fields(_ object: [String: Any], httpStatus: Int) -> TwilioError {
        let code = (object["code"] as? Int) ?? (object["code"] as? String).flatMap { Int($0) }
        let message = object["message"] as? String
        let moreInfo = (object["more_info"] as? String) ?? (object["infoUrl"] as? String)
        return .api(httpStatus: httpStatus, code: code, message: message, moreInfo: moreInfo)
    }

    /// A description of a body that is not Twilio error JSON. The body itself is not quoted:
    /// a proxy or a misbehaving server may echo the request, code included.
    static func describe(body: Data, contentType: String?) -> String {
        if body.isEmpty { return "an empty body instead of Twilio error JSON" }
        let kind = contentType.map { "a \($0) body" } ?? "a body"
        return "\(kind) of \(body.count) bytes that is not Twilio error JSON"
    }
}
