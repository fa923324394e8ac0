import Foundation

/// Which login flow each profile runs after the password, as Salesforce's Login Flows setup page
/// assigns them. A JSON file (by default `login-flows.json` in the served directory):
///
/// ```json
/// { "loginFlows": [ { "flow": "sms2fa", "profiles": ["Standard User", "System Administrator"] } ] }
/// ```
///
/// `flow` is a flow's API name (its file name without extension); one flow may serve many
/// profiles, and a profile may have only one flow. Profiles are matched to `User.ProfileName`
/// without regard to case. A profile that no entry names logs in with the password alone.
public struct LoginFlowConfiguration: Sendable, Equatable {
    public private(set) var flowByProfile: [String: String] = [:]

    public init() {}

    /// - Throws: `ServerSetupError` naming the file and what is wrong with it.
    public init(data: Data, source: String) throws {
        struct File: Decodable {
            struct Entry: Decodable {
                var flow: String
                var profiles: [String]
            }
            var loginFlows: [Entry]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ServerSetupError(
                "\(source): expected {\"loginFlows\": [{\"flow\": NAME, \"profiles\": [PROFILE, …]}]}: \(Self.reason(error))")
        }
        for entry in file.loginFlows {
            for profile in entry.profiles {
                let key = profile.lowercased()
                if let other = flowByProfile[key], other != entry.flow {
                    throw ServerSetupError(
                        "\(source): profile '\(profile)' is given two login flows, '\(other)' and '\(entry.flow)'; a profile has one")
                }
                flowByProfile[key] = entry.flow
            }
        }
    }

    /// The login flow for users of `profile`, or nil when they log in with the password alone.
    public func flow(forProfile profile: String?) -> String? {
        profile.flatMap { flowByProfile[$0.lowercased()] }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}
