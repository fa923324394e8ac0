import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation when there is
    /// nothing to trim (both ends plain ASCII, the usual case): on Linux Foundation's trimming goes
    /// through `NSString`, which was 5% of an SMS interview for the plug-in's two inputs.
    public func trimmingWhitespaceAndNewlines() -> String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }
        return isPlain(first) && isPlain(last) ? self : trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
