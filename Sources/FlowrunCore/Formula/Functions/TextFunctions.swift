import Foundation

extension FormulaBuiltins {
    /// TEXT(value): the value as a flow displays it (numbers without trailing zeros, dates
    /// `YYYY-MM-DD`, date-times `YYYY-MM-DD HH:MM:SSZ`); null gives empty text.
    static func text(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        switch args[0] {
        case .record, .collection: throw args.typeError(0, expected: "a Number, Date, DateTime, Time, Boolean or picklist")
        default: return .string(args[0].displayText)
        }
    }

    /// VALUE(text): the text as a number; blank text is null, anything else not a number is an error.
    static func value(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        if case .number = args[0] { return args[0] }
        guard let text = try args.text(0) else { return .null }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .null }
        guard let number = Decimal.parseStrict(trimmed) else {
            throw args.error(0, "VALUE: \"\(text)\" is not a number")
        }
        return .number(number)
    }

    static func left(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        guard let count = try args.integer(1) else { return .null }
        return .string(String(text.prefix(max(0, count))))
    }

    static func right(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        guard let count = try args.integer(1) else { return .null }
        return .string(String(text.suffix(max(0, count))))
    }

    /// MID(text, start, count): `start` is 1-based; a start before 1 counts from 1.
    static func mid(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let characters = Array(try args.textOrEmpty(0))
        guard let start = try args.integer(1), let count = try args.integer(2) else { return .null }
        let from = max(1, start) - 1
        guard count > 0, from < characters.count else { return .string("") }
        // `count` may be as large as an Int gets: compare before adding, so nothing overflows.
        let to = count >= characters.count - from ? characters.count : from + count
        return .string(String(characters[from..<to]))
    }

    /// FIND(search, text[, start]): the 1-based position of the first match at or after `start`,
    /// 0 when there is none, when `search` is empty, or when `start` is out of range. Case-sensitive.
    static func find(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let search = Array(try args.textOrEmpty(0))
        let text = Array(try args.textOrEmpty(1))
        var start = 1
        if args.count == 3 {
            guard let given = try args.integer(2) else { return .null }
            start = given
        }
        guard !search.isEmpty, start >= 1, start <= text.count, search.count <= text.count else {
            return .number(0)
        }
        var index = start - 1
        while index + search.count <= text.count {
            if text[index..<(index + search.count)].elementsEqual(search) { return .number(Decimal(index + 1)) }
            index += 1
        }
        return .number(0)
    }

    /// SUBSTITUTE(text, old, new): every occurrence of `old` replaced; an empty `old` changes nothing.
    static func substitute(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        let old = try args.textOrEmpty(1)
        let new = try args.textOrEmpty(2)
        guard !old.isEmpty else { return .string(text) }
        return .string(text.replacingOccurrences(of: old, with: new))
    }

    /// TRIM(text): spaces and tabs removed from both ends.
    static func trim(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let blanks = CharacterSet(charactersIn: " \t")
        return .string(try args.textOrEmpty(0).trimmingCharacters(in: blanks))
    }

    /// CONTAINS(text, compare): case-sensitive; empty `compare` is contained in anything.
    static func contains(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        let part = try args.textOrEmpty(1)
        return .boolean(part.isEmpty || text.contains(part))
    }

    /// LPAD/RPAD(text, length[, pad]): padded to `length` with repeats of `pad` (a space by
    /// default); text longer than `length` is cut to it from the right.
    static let maximumPaddedLength = 131_072

    static func pad(_ args: FormulaArguments, left: Bool) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        guard let length = try args.integer(1) else { return .null }
        let padding = args.count == 3 ? try args.textOrEmpty(2) : " "
        // Salesforce's longest text (a long text area) bounds what padding may build, so that a
        // formula cannot ask for gigabytes.
        guard length <= maximumPaddedLength else {
            throw args.error(1, "\(left ? "LPAD" : "RPAD"): the length \(length) is more than \(maximumPaddedLength) characters")
        }
        let target = max(0, length)
        if text.count >= target || padding.isEmpty { return .string(String(text.prefix(target))) }
        let needed = target - text.count
        let repeats = String(repeating: padding, count: needed / padding.count + 1)
        let fill = String(repeats.prefix(needed))
        return .string(left ? fill + text : text + fill)
    }

    /// REGEX(text, pattern): whether the whole text matches the pattern (Java-style syntax).
    static func regex(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let text = try args.textOrEmpty(0)
        let pattern = try args.textOrEmpty(1)
        let expression: NSRegularExpression
        do {
            // Wrapped so the match must cover the whole text, as Java's `matches()` does; a
            // plain anchored search would stop at `a` for `a|abc` against "abc".
            expression = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        } catch {
            throw args.error(1, "REGEX: invalid regular expression \"\(pattern)\"")
        }
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        return .boolean(expression.firstMatch(in: text, range: whole) != nil)
    }

    /// HYPERLINK(url, name[, target]): the HTML link Salesforce renders; the target defaults to a new window.
    static func hyperlink(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        let url = try args.textOrEmpty(0)
        let name = try args.textOrEmpty(1)
        let target = args.count == 3 ? try args.textOrEmpty(2) : "_blank"
        return .string("<a href=\"\(url)\" target=\"\(target)\">\(name)</a>")
    }

    /// CASESAFEID(id): a 15-character id extended to the 18-character form whose last three
    /// characters encode which of the first fifteen are upper case; other ids are returned as they are.
    static func caseSafeID(_ args: FormulaArguments) throws(FormulaError) -> FlowValue {
        guard let id = try args.text(0) else { return .null }
        let characters = Array(id)
        guard characters.count == 15 else { return .string(id) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        var suffix = ""
        for chunk in 0..<3 {
            var flags = 0
            for offset in 0..<5 {
                let character = characters[chunk * 5 + offset]
                if character.isASCII, character.isUppercase { flags |= 1 << offset }
            }
            suffix.append(alphabet[flags])
        }
        return .string(id + suffix)
    }

    /// INITCAP(text): each word's first letter upper case and the rest lower case; words are
    /// separated by anything that is not a letter or digit.
    static func initCap(_ text: String) -> String {
        var result = ""
        var startOfWord = true
        for character in text {
            if character.isLetter || character.isNumber {
                result += startOfWord ? character.uppercased() : character.lowercased()
                startOfWord = false
            } else {
                result.append(character)
                startOfWord = true
            }
        }
        return result
    }

    /// HTMLENCODE(text): Salesforce writes the apostrophe as `&#39;`.
    static func htmlEncode(_ text: String) -> String { text.xmlEscaped(apostrophe: "&#39;") }

    static func jsEncode(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "'": result += "\\'"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result
    }

    /// URLENCODE(text): UTF-8 percent-encoding of everything but unreserved characters (a space is `%20`).
    static func urlEncode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
