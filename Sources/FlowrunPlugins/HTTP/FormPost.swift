import AsyncHTTPClient
import Foundation
import NIOCore

/// One form-encoded `POST` with a single deadline, shared by the Twilio and TeleSign clients so
/// both time out, cap the response and describe network failures the same way.
struct FormPost: Sendable {
    var baseURL: String
    var timeout: Duration
    let httpClient: HTTPClient

    /// Largest response body read; the resources these APIs return are about 1 KB.
    static let maxResponseBytes = 1 << 20

    /// What came back.
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: Data
    }

    /// Why nothing came back. The texts name the base URL and the cause, never the request.
    enum Failure: Error, Sendable {
        case invalidBaseURL
        case timeout(seconds: String)
        case unreachable(reason: String)
    }

    /// Whether ``baseURL`` is an absolute http(s) URL: checked before a credential is sent anywhere.
    var hasValidBaseURL: Bool {
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased()) else { return false }
        return url.host != nil
    }

    /// `POST {baseURL}{path}` with `fields` form-encoded and the given `Authorization` header.
    func post(
        path: String, fields: [(name: String, value: String)], authorization: String
    ) async throws(Failure) -> Answer {
        guard hasValidBaseURL else { throw .invalidBaseURL }
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "flowrun")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        do {
            // One deadline for the whole exchange, body included: a server that sends headers
            // and then stalls must not hold the flow past the timeout.
            let response = try await httpClient.execute(request, deadline: .now() + TimeAmount(timeout))
            let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
            return Answer(
                status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                body: Data(buffer.readableBytesView)
            )
        } catch {
            throw classify(error)
        }
    }

    private func classify(_ error: any Error) -> Failure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout:
                return .timeout(seconds: Self.seconds(timeout))
            case .remoteConnectionClosed:
                return .unreachable(reason: "the server closed the connection without answering")
            case .cancelled:
                return .unreachable(reason: "the request was cancelled")
            default:
                break
            }
        }
        if let error = error as? IOError {
            return .unreachable(reason: Self.errnoText(error.errnoCode))
        }
        if error is CancellationError {
            return .unreachable(reason: "the request was cancelled")
        }
        // NIO and AsyncHTTPClient errors name the host and the failing call, never the request's
        // headers or body, so their text is safe to show.
        return .unreachable(reason: String(describing: error))
    }

    private static func errnoText(_ code: CInt) -> String {
        code == ECONNREFUSED ? "connection refused" : String(cString: strerror(code)).lowercased()
    }

    /// `10`, `0.25`: the timeout as a person would write it.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value.rounded() == value ? String(Int64(value)) : String(format: "%g", value)
    }
}
