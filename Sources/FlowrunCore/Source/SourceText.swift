/// The text of a flow file split into lines, kept so diagnostics can quote the offending line
/// and so element columns (which libxml2 does not record) can be found.
public struct SourceText: Sendable {
    public let path: String
    private let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line `number` without its line break, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    /// The 1-based column of the first `<name` on `line`, or of its first non-blank character,
    /// or 1: libxml2 keeps a line per element but no column.
    public func column(ofTag name: String, onLine number: Int) -> Int {
        guard let text = line(number) else { return 1 }
        let utf8 = Array(text.utf8)
        let needle = Array("<\(name)".utf8)
        if needle.count <= utf8.count {
            for start in 0...(utf8.count - needle.count) where utf8[start..<(start + needle.count)].elementsEqual(needle) {
                let after = start + needle.count
                if after == utf8.count || !Self.isNameByte(utf8[after]) {
                    return columnOf(utf8Offset: start, in: text)
                }
            }
        }
        if let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) {
            return columnOf(utf8Offset: first, in: text)
        }
        return 1
    }

    /// The 1-based column of the first character after `<name>` on `line` (where an element's text starts).
    public func column(ofTextIn name: String, onLine number: Int) -> Int {
        guard let text = line(number) else { return 1 }
        let open = "<\(name)>"
        guard let range = text.range(of: open) else { return column(ofTag: name, onLine: number) }
        return text.distance(from: text.startIndex, to: range.upperBound) + 1
    }

    /// The place of the character `count` characters into an element's text that starts at
    /// `start`, counting as the XML parser does: an entity such as `&quot;` is one character.
    public func location(afterDecoded count: Int, from start: SourceLocation) -> SourceLocation {
        var line = start.line
        var column = start.column
        var remaining = count
        guard var characters = self.line(line).map({ Array($0) }) else { return start.advanced(byColumns: count) }
        var index = column - 1
        while remaining > 0 {
            if index >= characters.count {
                guard let next = self.line(line + 1) else { break }
                line += 1
                characters = Array(next)
                index = 0
                column = 1
                remaining -= 1
                continue
            }
            if characters[index] == "&", let end = characters[index...].prefix(12).firstIndex(of: ";") {
                index = end + 1
            } else {
                index += 1
            }
            remaining -= 1
        }
        column = index + 1
        return SourceLocation(file: start.file, line: line, column: column)
    }

    private func columnOf(utf8Offset: Int, in text: Substring) -> Int {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset)
        return text.distance(from: text.startIndex, to: index) + 1
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A
    }
}
