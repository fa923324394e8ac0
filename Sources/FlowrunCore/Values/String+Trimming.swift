import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingBlanks(.whitespacesAndNewlines) { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// `trimmingCharacters(in: .whitespaces)` (in ASCII, the space and the tab).
    public func trimmingWhitespace() -> String {
        trimmingBlanks(.whitespaces) { $0 == 0x20 || $0 == 0x09 }
    }

    /// Foundation's trimming, in Swift while the ends are ASCII (the usual case): on Linux
    /// Foundation's goes through `NSString`, which was 5% of an SMS interview for the plug-in's two
    /// inputs and a tenth of parsing a large flow. A non-ASCII byte at an end may belong to a
    /// Unicode blank of `blanks`, so Foundation decides those.
    private func trimmingBlanks(_ blanks: CharacterSet, isASCIIBlank: (UInt8) -> Bool) -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIIBlank(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isASCIIBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingCharacters(in: blanks)
        }
        if start == bytes.startIndex, end == bytes.endIndex { return self }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
