extension String {
    /// The text with XML's five special characters escaped, for XML and HTML built as text
    /// (TwiML, JUnit reports, HTMLENCODE). `apostrophe` is `&apos;` for XML; HTML writers that
    /// target old browsers use `&#39;`.
    public func xmlEscaped(apostrophe: String = "&apos;") -> String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
