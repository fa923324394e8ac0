import FlowrunCore

/// Checks a card or account number with the Luhn checksum (ISO/IEC 7812-1): the kind of small,
/// pure rule an org keeps in Apex and a flow calls before saving a payment method.
struct LuhnCheck: FlowPlugin {
    func describe() -> PluginDescription {
        PluginDescription(
            name: "Luhn Check", tag: "Payments",
            description: "Checks a card number's Luhn check digit; spaces and dashes are ignored.",
            inputs: [PluginParameter("Number", .string, required: true, description: "The number as typed")],
            outputs: [
                PluginParameter("Valid", .boolean, description: "Whether the check digit is right"),
                PluginParameter("LastFour", .string, description: "The last four digits, for messages"),
            ])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let typed = request.text("Number") ?? ""
        let kept = typed.filter { $0 != " " && $0 != "-" }
        // Anything but digits is a refusal of the input, not a failed check: the flow's fault
        // path tells the user what to fix.
        guard !kept.isEmpty, kept.allSatisfy(\.isASCII), kept.allSatisfy(\.isNumber) else {
            throw LuhnError(description: "a card number has only digits, spaces and dashes")
        }
        let digits = kept.compactMap(\.wholeNumberValue)
        return PluginResult([
            "Valid": .boolean(digits.count >= 12 && Self.luhnSum(digits) % 10 == 0),
            "LastFour": .string(String(kept.suffix(4))),
        ])
    }

    /// Doubles every second digit from the right (subtracting 9 above 9) and adds them all.
    static func luhnSum(_ digits: [Int]) -> Int {
        digits.reversed().enumerated().reduce(0) { sum, item in
            let (position, digit) = item
            guard position % 2 == 1 else { return sum + digit }
            let doubled = digit * 2
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
    }
}

struct LuhnError: Error, CustomStringConvertible {
    var description: String
}
