import Hummingbird
import NIOCore

/// The request context of `flowrun serve`: the client's address (for rate limits and the
/// `LoginFlow_IpAddress` input) and a small upload limit, since no form or API body needs more.
public struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// Bodies above this get 413 Content Too Large.
    public var maxUploadSize: Int { 64 * 1024 }

    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
