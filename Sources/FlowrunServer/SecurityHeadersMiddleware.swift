import HTTPTypes
import Hummingbird

/// Headers on every response, refusals and unknown paths included: no scripts at all, images
/// only from this server, no framing (CSP `frame-ancestors` and, for older browsers,
/// `X-Frame-Options`), no caching of pages that may show personal data, no sniffing, no referrer
/// leaking interview ids, and HSTS when the browser reached the server over TLS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    /// The server is reached only through TLS (`--secure-cookies`): HSTS on every response, not
    /// only those that came with `X-Forwarded-Proto: https`.
    var behindTLS: Bool

    static let contentSecurityPolicy =
        "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// One year, the minimum browsers' preload lists ask for; subdomains are the operator's call.
    static let strictTransportSecurity = "max-age=31536000"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // A 404 for an unknown path (and any refusal thrown as an HTTP error) becomes its
            // response here, so it gets the headers too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in [("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")] {
            if let name = HTTPField.Name(name) { response.headers[name] = value }
        }
        let forwardedProto = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        if behindTLS || forwardedProto?.lowercased() == "https" {
            response.headers[.strictTransportSecurity] = Self.strictTransportSecurity
        }
        return response
    }
}
