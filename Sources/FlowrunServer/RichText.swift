import FlowrunCore
import Foundation

/// Display text is rich text (Salesforce's editor writes HTML: paragraphs, bold, links, images for
/// a logo). Values merged into it arrive escaped (`ScreenFieldPrompt.html`), so only the author's
/// markup is markup; even that is not trusted: only a small set of formatting tags and safe
/// attributes pass; every other `<` and every attribute value is escaped. No script, style,
/// event handler, or `javascript:` URL survives.
enum RichText {
    static let allowedTags: Set<String> = [
        "p", "br", "b", "strong", "i", "em", "u", "s", "strike", "span", "div", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "blockquote", "code", "pre", "hr", "small", "sub", "sup",
    ]
    static let voidTags: Set<String> = ["br", "img", "hr"]
    static let allowedAttributes: [String: Set<String>] = [
        "a": ["href", "title"],
        "img": ["src", "alt", "width", "height", "title"],
    ]

    /// A display text field as HTML to show: the author's markup sanitised, with the values merged
    /// into it already escaped by the interpreter. An interview stored before `html` existed has
    /// only the merged text, which cannot tell markup from typed values: it is shown as text.
    static func display(_ field: ScreenFieldPrompt) -> String {
        if let html = field.html { return sanitize(html) }
        return HTML.escape(field.text ?? "")
    }

    static func sanitize(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            output += HTML.escape(String(rest[rest.startIndex..<open]))
            rest = rest[open...]
            if rest.first == "&" {
                if let entity = entity(at: rest) {
                    output += entity
                    rest = rest.dropFirst(entity.count)
                } else {
                    output += "&amp;"
                    rest = rest.dropFirst()
                }
                continue
            }
            if let (tag, length) = Self.tag(at: rest) {
                output += tag
                rest = rest.dropFirst(length)
            } else {
                output += "&lt;"
                rest = rest.dropFirst()
            }
        }
        output += HTML.escape(String(rest))
        return output
    }

    /// A character reference (`&amp;`, `&#39;`, `&#x2022;`, `&nbsp;`) kept as written.
    private static func entity(at text: Substring) -> String? {
        guard let end = text.prefix(12).firstIndex(of: ";") else { return nil }
        let body = text[text.index(after: text.startIndex)..<end]
        let valid: Bool
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            valid = body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        } else if body.hasPrefix("#") {
            valid = body.count > 1 && body.dropFirst().allSatisfy(\.isNumber)
        } else {
            valid = !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isLetter }
        }
        return valid ? String(text[text.startIndex...end]) : nil
    }

    /// An allowed start or end tag at the start of `text`, rewritten with only safe attributes, and
    /// how many characters it took; nil when the text there is not an allowed tag.
    private static func tag(at text: Substring) -> (String, Int)? {
        guard let close = text.firstIndex(of: ">") else { return nil }
        let inner = text[text.index(after: text.startIndex)..<close]
        let length = text.distance(from: text.startIndex, to: close) + 1
        if inner.hasPrefix("/") {
            let name = inner.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
            guard allowedTags.contains(name), !voidTags.contains(name) else { return nil }
            return ("</\(name)>", length)
        }
        guard !inner.contains("<") else { return nil }
        let nameEnd = inner.firstIndex(where: { $0 == " " || $0 == "/" || $0 == "\t" || $0 == "\n" }) ?? inner.endIndex
        let name = inner[inner.startIndex..<nameEnd].lowercased()
        guard allowedTags.contains(name) else { return nil }
        var rebuilt = "<\(name)"
        for (attribute, value) in attributes(inner[nameEnd...]) {
            guard allowedAttributes[name]?.contains(attribute) == true else { continue }
            if attribute == "href" || attribute == "src" {
                guard isSafeURL(value) else { continue }
            }
            rebuilt += " \(attribute)=\"\(HTML.escape(decodeEntities(value)))\""
        }
        if name == "a" { rebuilt += " rel=\"noopener noreferrer\"" }
        return (rebuilt + ">", length)
    }

    /// `name="value"`, `name='value'` and `name=value` pairs; names lowercased.
    private static func attributes(_ text: Substring) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var rest = text
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "/" })
            guard !rest.isEmpty else { break }
            let nameEnd = rest.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "/" }) ?? rest.endIndex
            let name = rest[rest.startIndex..<nameEnd].lowercased()
            rest = rest[nameEnd...]
            guard rest.first == "=" else {
                pairs.append((name, ""))
                continue
            }
            rest = rest.dropFirst()
            if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: quote) ?? rest.endIndex
                pairs.append((name, String(rest[rest.startIndex..<end])))
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            } else {
                let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
                pairs.append((name, String(rest[rest.startIndex..<end])))
                rest = rest[end...]
            }
        }
        return pairs
    }

    /// http(s), mailto, or a path on this server; never `javascript:`, `data:` or other schemes.
    static func isSafeURL(_ raw: String) -> Bool {
        let url = decodeEntities(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = url.lowercased().filter { !$0.isWhitespace && $0 != "\0" }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return true }
        guard let colon = lower.firstIndex(of: ":") else { return !lower.hasPrefix("//") }
        // A colon after a slash, `?` or `#` belongs to the path, not a scheme.
        return lower[lower.startIndex..<colon].contains { $0 == "/" || $0 == "?" || $0 == "#" } && !lower.hasPrefix("//")
    }

    /// The few entities attribute values in rich text use, so escaping does not double them.
    private static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
