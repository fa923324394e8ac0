import FlowrunCore
import Foundation

/// Why a TOTP plug-in call could not run. It routes the flow to the fault connector, so every
/// message names the input at fault and never quotes a secret or a code.
public struct TOTPPluginError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}

/// Reading the inputs both TOTP plug-ins share.
enum TOTPPluginInputs {
    /// The `Algorithm` input, SHA1 when blank (the Key URI default, and the only one Google
    /// Authenticator honours).
    static func algorithm(_ request: PluginRequest) throws(TOTPPluginError) -> OTPAlgorithm {
        guard let name = nonBlank(request, "Algorithm") else { return .sha1 }
        guard let algorithm = OTPAlgorithm(name: name) else {
            throw TOTPPluginError("the Algorithm input \"\(name)\" is not SHA1, SHA256 or SHA512")
        }
        return algorithm
    }

    /// The `Digits` input, 6 when absent.
    static func digits(_ request: PluginRequest) throws(TOTPPluginError) -> Int {
        guard let number = request["Digits"].numberValue else { return 6 }
        guard let digits = wholeNumber(number), HOTP.allowedDigits.contains(Int(digits)) else {
            throw TOTPPluginError("the Digits input \(number) is not 6, 7 or 8")
        }
        return Int(digits)
    }

    /// The TOTP for a secret and the call's Algorithm and Digits.
    static func totp(secret: [UInt8], _ request: PluginRequest) throws(TOTPPluginError) -> TOTP {
        let algorithm = try algorithm(request)
        let digits = try digits(request)
        guard let totp = TOTP(secret: secret, algorithm: algorithm, digits: digits) else {
            throw TOTPPluginError("the Secret input is empty")
        }
        return totp
    }

    /// `number` as an Int64 when it is a whole number that fits, else nil.
    static func wholeNumber(_ number: Decimal) -> Int64? {
        // Decimal prints a whole number without a fraction or exponent, so Int64 parses exactly
        // those, and rejects 3.5 and anything past 64 bits.
        Int64(number.description)
    }

    /// The input as text with surrounding whitespace dropped, or nil when that leaves nothing.
    static func nonBlank(_ request: PluginRequest, _ name: String) -> String? {
        SMSPlugin.nonBlank(request, name)
    }
}
