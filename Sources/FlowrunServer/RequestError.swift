import Hummingbird

/// A request the server refuses, with a message for the person or client that sent it. Rendered
/// as an HTML page or as `{"error": …}` by the routes; never carries a secret or stored value.
struct RequestError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static let notFound = RequestError(.notFound, "There is no such interview, or it belongs to another session.")
    static let csrf = RequestError(
        .forbidden, "This form has expired or did not come from this site. Go back, reload the page and try again.")
    static let tooMany = RequestError(.tooManyRequests, "Too many attempts. Wait a few minutes and try again.")
    static let stale = RequestError(
        .conflict,
        "This screen was already answered, in another tab or window, or is being answered now. Reload the page to see where it is.")
}
