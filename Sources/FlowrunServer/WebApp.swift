import FlowrunCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The `flowrun serve` application: HTML pages for people (screens as forms, login), a JSON API
/// for programs. Routes are in `WebApp+Interviews`, `WebApp+Login` and `WebApp+API`.
public struct WebApp: Sendable {
    let setup: ServerSetup
    let runner: InterviewRunner
    let cookies: SessionCookies
    let limiter: RateLimiter
    let expiry: InterviewExpiry
    /// Sign-ins for one username take turns (see `KeyedTurns`).
    let signInTurns = KeyedTurns()

    static let passwordRule = RateLimiter.Rule(limit: 5, window: 15 * 60)
    static let addressRule = RateLimiter.Rule(limit: 50, window: 15 * 60)
    static let codeRule = RateLimiter.Rule(limit: 10, window: 15 * 60)

    public init(_ setup: ServerSetup) {
        self.setup = setup
        runner = InterviewRunner(
            catalog: setup.catalog, records: setup.records, store: setup.interviews, console: setup.console,
            clock: setup.clock, logger: setup.logger,
            debugTraces: setup.debugView ? DebugTraces(loginFlows: Set(setup.loginFlows.flowByProfile.values)) : nil)
        cookies = SessionCookies(key: setup.key, alwaysSecure: setup.secureCookies)
        limiter = RateLimiter(store: setup.access, clock: setup.clock)
        expiry = InterviewExpiry(lifetime: setup.interviewLifetime, store: setup.interviews, clock: setup.clock, logger: setup.logger)
    }

    public func router() -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(behindTLS: setup.secureCookies))
        addAssetRoutes(to: router)
        let stylesheet = HTML.stylesheet + (setup.debugView ? HTML.debugStylesheet : "")
        router.get("/style.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        addInterviewRoutes(to: router)
        addLoginRoutes(to: router)
        addAPIRoutes(to: router)
        if setup.debugView { addDebugRoutes(to: router) }
        return router
    }

    /// A Hummingbird application on `host:port` serving `router()`; `onServerRunning` learns the
    /// bound address (port 0 picks a free one). Connections are closed after
    /// `setup.connections.idleTimeout` without a request (a request whose headers do not arrive in
    /// that time included), and no more than `maximum` are open at once: beyond that, new ones wait
    /// in the kernel's queue until one closes, so idle clients cannot take every file descriptor.
    public func application(
        host: String, port: Int, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let limits = setup.connections
        return Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(limits.idleTimeout * 1000)))),
            configuration: .init(
                address: .hostname(host, port: port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maximum, logger: setup.logger)),
            onServerRunning: onServerRunning, logger: setup.logger)
    }

    // MARK: - What every HTML route shares

    /// The browser's session: the one its cookie names, or a new one to set on the response.
    struct Visit {
        var session: String
        var isNew: Bool
        var signedIn: SessionCookies.SignedIn?
        var csrf: String
    }

    func visit(_ request: Request) async throws -> Visit {
        var existing = cookies.sessionID(request)
        // A session ended by logging out stays ended, on every server, whatever cookies are replayed.
        if let id = existing, try await setup.access.isRevoked(session: id, now: setup.clock.now()) { existing = nil }
        let session = existing ?? Base64URL.random(bytes: 32)
        return Visit(
            session: session, isNew: existing == nil,
            signedIn: cookies.signedIn(request, session: existing, now: setup.clock.now()),
            csrf: cookies.csrfToken(session: session))
    }

    /// The signed-in user's record, for `$User` and the page header.
    func user(_ id: String?) async -> FlowRecord? {
        guard let id else { return nil }
        let query = RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))], limit: 1)
        return (try? await setup.records.query(query))?.first
    }

    func page(
        _ title: String, _ body: String, visit: Visit, request: Request, status: HTTPResponse.Status = .ok,
        userName: String? = nil
    ) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string: HTML.page(title: title, body: body, signedIn: userName, csrf: visit.csrf))))
        if visit.isNew { response.setCookie(cookies.sessionCookie(visit.session, request: request)) }
        return response
    }

    func redirect(_ location: String, visit: Visit, request: Request) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if visit.isNew { response.setCookie(cookies.sessionCookie(visit.session, request: request)) }
        return response
    }

    /// The body of a form post, after checking its type, size and CSRF token.
    func form(_ request: Request, context: WebRequestContext, visit: Visit) async throws -> FormBody {
        guard let type = request.headers[.contentType]?.lowercased(),
            type.hasPrefix("application/x-www-form-urlencoded")
        else {
            throw RequestError(.unsupportedMediaType, "Send the form as application/x-www-form-urlencoded.")
        }
        let buffer = try await collect(request, context: context)
        let form = try FormBody(String(decoding: buffer.readableBytesView, as: UTF8.self))
        try cookies.checkCSRF(form, session: visit.isNew ? nil : visit.session)
        return form
    }

    func collect(_ request: Request, context: WebRequestContext) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw RequestError(.contentTooLarge, "The request is larger than \(context.maxUploadSize / 1024) KiB.")
        }
    }

    /// Runs an HTML route; a refused request becomes a page saying why, with its status.
    func html(
        _ request: Request, _ body: (Visit) async throws -> Response
    ) async throws -> Response {
        let visit = try await visit(request)
        do {
            return try await body(visit)
        } catch let error as RequestError {
            return page(
                error.status.reasonPhrase, "<h1>\(HTML.escape(error.status.reasonPhrase))</h1><p>\(HTML.escape(error.message))</p>",
                visit: visit, request: request, status: error.status)
        }
    }
}
