/// The TwiML that reads a one-time code aloud.
///
/// `<Response><Say>Message: 1, 2, 3, 4, 5, 6.</Say><Pause length="1"/><Say>…the same…</Say></Response>`
///
/// - The digits are separated by ", " so the voice reads "one, two, three" rather than
///   "one hundred twenty-three thousand…", with a short pause at each comma.
/// - The whole sentence is said twice with a one-second pause between, so a listener who
///   missed the start still hears every digit once. Two `<Say>`s rather than `loop="2"`, so
///   the pause fits in between.
/// - The message is XML-escaped: a flow's text must not be able to add TwiML verbs.
public enum VoiceCodeTwiML {
    /// Twilio's limit on the `Twiml` parameter (plugin-apis.md §1).
    public static let maximumLength = 4000

    /// The sentence said: the message, a colon (unless it already ends in one), the digits.
    public static func sentence(message: String, code: String) -> String {
        var prefix = message
        while let last = prefix.last, last.isWhitespace { prefix.removeLast() }
        if prefix.hasSuffix(":") { prefix.removeLast() }
        let digits = code.map(String.init).joined(separator: ", ")
        return prefix.isEmpty ? "\(digits)." : "\(prefix): \(digits)."
    }

    /// The TwiML document, without an XML declaration (Twilio does not need one).
    public static func twiml(message: String, code: String) -> String {
        let say = "<Say>\(escape(sentence(message: message, code: code)))</Say>"
        return "<Response>\(say)<Pause length=\"1\"/>\(say)</Response>"
    }

    /// Escapes the five XML special characters.
    static func escape(_ text: String) -> String { text.xmlEscaped() }
}
