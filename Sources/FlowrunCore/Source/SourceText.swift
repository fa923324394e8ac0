import Foundation

/// The text of a flow file split into lines, kept so diagnostics can quote the offending line
/// and so element columns (which libxml2 does not record) can be found.
public struct SourceText: Sendable {
    public let path: String
    /// The file's bytes and where each line starts: columns are found by scanning bytes, with
    /// no allocation per element (the reader asks for a column for every element it reads).
    let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text of `bytes`, which are shared, not copied (they should be UTF-8: flow files are).
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        // Counted first, so the array is made at its size rather than grown by doubling (which
        // held two copies at once: 2 MB of a 9.9 MB flow's peak).
        self.lineStarts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            guard let base = buffer.baseAddress else { return starts }
            func forEachLineStart(_ body: (Int) -> Void) {
                var offset = 0
                while offset < buffer.count, let newline = memchr(base + offset, 0x0A, buffer.count - offset) {
                    offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                    body(offset)
                }
            }
            var lines = 1
            forEachLineStart { _ in lines += 1 }
            starts.reserveCapacity(lines)
            forEachLineStart { starts.append($0) }
            return starts
        }
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
        column(ofTag: Array(name.utf8), onLine: number)
    }

    /// The 1-based column of the first character after `<name>` on `line` (where an element's text starts).
    public func column(ofTextIn name: String, onLine number: Int) -> Int {
        column(ofTextIn: Array(name.utf8), onLine: number)
    }

    /// `column(ofTag:onLine:)` for a name given as UTF-8 bytes.
    func column(ofTag name: [UInt8], onLine number: Int) -> Int {
        guard let range = range(ofLine: number) else { return 1 }
        if let start = find(name, in: range, closed: false) { return column(of: start, lineStart: range.lowerBound) }
        if let first = range.first(where: { bytes[$0] != 0x20 && bytes[$0] != 0x09 }) {
            return column(of: first, lineStart: range.lowerBound)
        }
        return 1
    }

    /// `column(ofTextIn:onLine:)` for a name given as UTF-8 bytes.
    func column(ofTextIn name: [UInt8], onLine number: Int) -> Int {
        guard let range = range(ofLine: number) else { return 1 }
        guard let start = find(name, in: range, closed: true) else { return column(ofTag: name, onLine: number) }
        return column(of: start + name.count + 2, lineStart: range.lowerBound)
    }

    /// The byte offset of `<name` within `range`: when `closed`, of `<name>`; otherwise only where
    /// the next byte cannot continue an XML name (so `<name` does not match `<names`).
    private func find(_ name: [UInt8], in range: Range<Int>, closed: Bool) -> Int? {
        let length = name.count + (closed ? 2 : 1)
        guard !name.isEmpty, range.count >= length else { return nil }
        return bytes.withUnsafeBufferPointer { bytes in
            var start = range.lowerBound
            while start + length <= range.upperBound {
                if bytes[start] == 0x3C {
                    var matched = true
                    for index in 0..<name.count where bytes[start + 1 + index] != name[index] {
                        matched = false
                        break
                    }
                    let after = start + 1 + name.count
                    if matched {
                        if closed {
                            if bytes[after] == 0x3E { return start }
                        } else if after == range.upperBound || !Self.isNameByte(bytes[after]) {
                            return start
                        }
                    }
                }
                start += 1
            }
            return nil
        }
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
