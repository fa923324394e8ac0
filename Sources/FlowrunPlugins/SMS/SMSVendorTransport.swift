import FlowrunCore
import Foundation

/// The SMS vendors the plug-in can send through.
public enum SMSVendor: String, Sendable, CaseIterable {
    case twilio = "Twilio"
    case teleSign = "TeleSign"

    /// Reads a vendor name in any case (`telesign`, `TWILIO`).
    public init?(name: String) {
        guard let vendor = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = vendor
    }
}

/// Picks the vendor per message: the call's `Vendor` input, else `FLOWRUN_SMS_VENDOR`, else
/// Twilio, so a setup that names neither behaves exactly as before (Twilio, or the console
/// without Twilio credentials). An unknown name fails the send rather than guessing.
public struct SMSVendorTransport: SMSTransport {
    public var twilio: TwilioOrConsoleTransport
    public var teleSign: TeleSignSMSTransport
    /// `FLOWRUN_SMS_VENDOR`, as given; nil when unset or blank.
    public var defaultVendor: String?

    public init(twilio: TwilioOrConsoleTransport, teleSign: TeleSignSMSTransport, defaultVendor: String? = nil) {
        self.twilio = twilio
        self.teleSign = teleSign
        self.defaultVendor = defaultVendor
    }

    /// Both vendors' credentials: whichever is used, neither may show in a log or `StatusMessage`.
    public var heldSecrets: [String] { twilio.heldSecrets + teleSign.heldSecrets }

    public func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        guard let name = message.vendor ?? defaultVendor else {
            return try await twilio.send(message, context: context)
        }
        switch SMSVendor(name: name) {
        case .twilio: return try await twilio.send(message, context: context)
        case .teleSign: return try await teleSign.send(message, context: context)
        case nil: throw SMSSendFailure("unknown SMS vendor \"\(name)\": use Twilio or TeleSign")
        }
    }
}
