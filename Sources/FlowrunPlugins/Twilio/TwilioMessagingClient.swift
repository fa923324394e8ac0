import AsyncHTTPClient
import Foundation
import NIOCore

/// Creates messages through Twilio's Programmable Messaging API:
/// `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic auth.
///
/// Runs on a caller-supplied `HTTPClient` (``HTTPClient/shared`` by default) so every call reuses
/// one connection pool and nothing needs shutting down.
public struct TwilioMessagingClient: Sendable {
    public var baseURL: String
    public var timeout: Duration
    private let httpClient: HTTPClient

    /// Largest response body read; a Message resource is about 1 KB.
    private static let maxResponseBytes = 1 << 20

    public init(
        baseURL: String = TwilioSettings.defaultBaseURL, timeout: Duration = TwilioSettings.defaultTimeout,
        httpClient: HTTPClient = .shared
    ) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.httpClient = httpClient
    }

    /// Sends one SMS and returns the created message (its `status` is normally `queued`).
    public func createMessage(
        to: String, from: String, body: String, credentials: TwilioCredentials
    ) async throws(TwilioError) -> TwilioMessage {
        guard TwilioCredentials.isValidAccountSid(credentials.accountSid) else { throw .invalidAccountSid }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw .invalidBaseURL(baseURL)
        }

        var request = HTTPClientRequest(url: "\(baseURL)/2010-04-01/Accounts/\(credentials.accountSid)/Messages.json")
        request.method = .POST
        request.headers.add(name: "Authorization", value: credentials.basicAuthorization)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "flowrun")
        let form = FormEncoding.encode([("To", to), ("From", from), ("Body", body)])
        request.body = .bytes(ByteBuffer(string: form))

        let status: Int
        let contentType: String?
        let data: Data
        do {
            // One deadline for the whole exchange, body included: a server that sends headers
            // and then stalls must not hold the flow past the timeout.
            let response = try await httpClient.execute(request, deadline: .now() + TimeAmount(timeout))
            status = Int(response.status.code)
            contentType = response.headers.first(name: "Content-Type")
            let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
            data = Data(buffer.readableBytesView)
        } catch {
            throw classify(error)
        }

        guard (200..<300).contains(status) else {
            throw TwilioErrorResponse.error(httpStatus: status, body: data, contentType: contentType)
        }
        guard let message = try? JSONDecoder().decode(TwilioMessage.self, from: data) else {
            throw .unexpectedResponse(
                httpStatus: status, detail: "a body that is not a Twilio Message resource (no sid and status)"
            )
        }
        return message
    }

    private func classify(_ error: any Error) -> TwilioError {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout:
                return .timeout(baseURL: baseURL, seconds: Self.seconds(timeout))
            case .remoteConnectionClosed:
                return .unreachable(baseURL: baseURL, reason: "the server closed the connection without answering")
            case .cancelled:
                return .unreachable(baseURL: baseURL, reason: "the request was cancelled")
            default:
                break
            }
        }
        if let error = error as? IOError {
            return .unreachable(baseURL: baseURL, reason: Self.errnoText(error.errnoCode))
        }
        if error is CancellationError {
            return .unreachable(baseURL: baseURL, reason: "the request was cancelled")
        }
        // NIO and AsyncHTTPClient errors name the host and the failing call, never the request's
        // headers or body, so their text is safe to show.
        return .unreachable(baseURL: baseURL, reason: String(describing: error))
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
