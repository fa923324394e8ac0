/// The text of a flow file split into lines, kept so diagnostics can quote the offending line
/// and so element columns (which libxml2 does not record) can be found.
public struct SourceText: Sendable {
    public let path: String
    /// The file's bytes and where each line starts: columns are found by scanning bytes, with
    /// no allocation per element (the reader asks for a column for every element it reads).
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    /// The byte range of the 1-based line `number`, without its line break.
    private func range(ofLine number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The 1-based line `number` without its line break, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard let range = range(ofLine: number) else { return nil }
        return Substring(String(decoding: bytes[range], as: UTF8.self))
    }

    /// The 1-based column of the first `<name` on `line`, or of its first non-blank character,
    /// or 1: libxml2 keeps a line per element but no column.
    public func column(ofTag name: String, onLine number: Int) -> Int {
        guard let range = range(ofLine: number) else { return 1 }
        if let start = find("<" + name, in: range, requireNameEnd: true) { return column(of: start, lineStart: range.lowerBound) }
        if let first = range.first(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 }) {
            return column(of: first, lineStart: range.lowerBound)
        }
        return 1
    }

    /// The 1-based column of the first character after `<name>` on `line` (where an element's text starts).
    public func column(ofTextIn name: String, onLine number: Int) -> Int {
        guard let range = range(ofLine: number) else { return 1 }
        let open = "<" + name + ">"
        guard let start = find(open, in: range, requireNameEnd: false) else { return column(ofTag: name, onLine: number) }
        return column(of: start + open.utf8.count, lineStart: range.lowerBound)
    }

    /// The byte offset of `needle` within `range`; with `requireNameEnd`, only where the next
    /// byte cannot continue an XML name (so `<name` does not match `<names`).
    private func find(_ needle: String, in range: Range<Int>, requireNameEnd: Bool) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        var start = range.lowerBound
        while start + pattern.count <= range.upperBound {
            if bytes[start] == pattern[0] {
                var matched = true
                for index in 1..<pattern.count where bytes[start + index] != pattern[index] {
                    matched = false
                    break
                }
                let after = start + pattern.count
                if matched, !requireNameEnd || after == range.upperBound || !Self.isNameByte(bytes[after]) {
                    return start
                }
            }
            start += 1
        }
        return nil
    }

    /// Columns count characters, not bytes: every byte that does not continue a UTF-8 sequence.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
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

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A
    }
}
