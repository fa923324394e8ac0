/// The fields flowrun reads from a created Call resource (`api.v2010.account.call`).
public struct TwilioCall: Sendable, Hashable, Decodable {
    /// `CA…`, 34 characters.
    public var sid: String
    /// `queued` right after creation (`call_enum_status`: queued, ringing, in-progress, …).
    public var status: String
    public var to: String?
    public var from: String?

    enum CodingKeys: String, CodingKey { case sid, status, to, from }
}
