import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, in Swift while the ends are ASCII (the
    /// usual case): on Linux Foundation's trimming goes through `NSString`, which was 5% of an SMS
    /// interview for the plug-in's two inputs. A non-ASCII byte at an end may belong to a Unicode
    /// blank, so Foundation decides those.
    public func trimmingWhitespaceAndNewlines() -> String {
        let bytes = utf8
        func isASCIIBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIIBlank(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isASCIIBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if start == bytes.startIndex, end == bytes.endIndex { return self }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
