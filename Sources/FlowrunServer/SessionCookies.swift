import Foundation
import HTTPTypes
import Hummingbird

/// The three cookies of a browser, each signed with the server key so it cannot be forged or
/// changed, HttpOnly and SameSite=Lax, and Secure when the server is behind TLS:
///
/// - `flowrun_session`: a random id for the browser (256 bits). Interviews started in the browser
///   belong to it, and the CSRF token of every form is a MAC of it. Replaced at every login.
/// - `flowrun_login`: a login in progress: the user whose password was right and the login flow
///   interview they must finish. Grants nothing by itself.
/// - `flowrun_auth`: access, issued only when the login flow finished (or the profile has none).
struct SessionCookies: Sendable {
    static let session = "flowrun_session"
    static let pendingLogin = "flowrun_login"
    static let signedIn = "flowrun_auth"
    /// How long access and a login in progress last.
    static let signedInLifetime: TimeInterval = 8 * 3600
    static let loginLifetime: TimeInterval = 15 * 60

    struct PendingLogin: Codable, Sendable {
        var user: String
        var interview: String
        var session: String
        var expires: Double
    }

    struct SignedIn: Codable, Sendable {
        var user: String
        var session: String
        var expires: Double
    }

    let key: ServerKey
    let alwaysSecure: Bool

    /// The browser's session id, when it sent a valid session cookie.
    func sessionID(_ request: Request) -> String? {
        guard let value = request.cookies[Self.session]?.value, let payload = key.verify(value) else { return nil }
        let id = String(decoding: payload, as: UTF8.self)
        return id.hasPrefix("s:") ? String(id.dropFirst(2)) : nil
    }

    func csrfToken(session: String) -> String { key.tag("csrf:" + session) }

    func checkCSRF(_ form: FormBody, session: String?) throws(RequestError) {
        guard let session, let sent = form["_csrf"],
            PasswordHash.constantTimeEqual(Data(sent.utf8), Data(csrfToken(session: session).utf8))
        else { throw RequestError.csrf }
    }

    func pendingLogin(_ request: Request, session: String?, now: Date) -> PendingLogin? {
        guard let login: PendingLogin = decode(request, Self.pendingLogin), let session, login.session == session,
            login.expires > now.timeIntervalSince1970
        else { return nil }
        return login
    }

    func signedIn(_ request: Request, session: String?, now: Date) -> SignedIn? {
        guard let access: SignedIn = decode(request, Self.signedIn), let session, access.session == session,
            access.expires > now.timeIntervalSince1970
        else { return nil }
        return access
    }

    private func decode<T: Decodable>(_ request: Request, _ name: String) -> T? {
        guard let value = request.cookies[name]?.value, let payload = key.verify(value) else { return nil }
        return try? JSONDecoder().decode(T.self, from: payload)
    }

    func sessionCookie(_ id: String, request: Request) -> Cookie {
        cookie(Self.session, key.sign(Data(("s:" + id).utf8)), request: request, maxAge: nil)
    }

    func cookie(_ name: String, encoding value: some Encodable, request: Request, maxAge: TimeInterval) -> Cookie {
        let payload = (try? JSONEncoder().encode(value)) ?? Data()
        return cookie(name, key.sign(payload), request: request, maxAge: Int(maxAge))
    }

    func expired(_ name: String, request: Request) -> Cookie {
        cookie(name, "", request: request, maxAge: 0)
    }

    private func cookie(_ name: String, _ value: String, request: Request, maxAge: Int?) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure(request), httpOnly: true,
            sameSite: .lax)
    }

    /// Secure cookies when told so, or when a TLS-terminating proxy says the browser used https.
    func isSecure(_ request: Request) -> Bool {
        alwaysSecure
            || HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }?.lowercased() == "https"
    }
}
