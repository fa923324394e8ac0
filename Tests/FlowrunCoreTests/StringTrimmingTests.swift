import FlowrunCore
import Testing

/// `trimmingWhitespaceAndNewlines()` must trim exactly what Foundation's
/// `trimmingCharacters(in: .whitespacesAndNewlines)` trims; these are the answers that call gives.
@Suite struct StringTrimmingTests {
    @Test(
        arguments: [
            ("+15555550100", "+15555550100"),
            ("  +15555550100\n", "+15555550100"),
            ("\t\r\n a b \u{0B}\u{0C}", "a b"),
            ("", ""),
            ("   ", ""),
            ("\u{00A0}x\u{2003}", "x"),  // no-break space and em space are Unicode blanks
            (" \u{0301}a", "\u{0301}a"),  // a combining mark after a space stays
            ("é ", "é"),
        ])
    func trimsAsFoundationDoes(text: String, expected: String) {
        #expect(text.trimmingWhitespaceAndNewlines() == expected)
    }
}
