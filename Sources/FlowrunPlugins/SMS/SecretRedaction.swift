import Foundation

/// Masks secrets in text that leaves the plug-in (a log line, `StatusMessage`).
///
/// Transports already build their messages without secrets; this is the second line of defence,
/// for text a server wrote (an error message that echoes the request, for instance).
enum SecretRedaction {
    static let mask = "******"

    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        return result
    }
}
