import FlowrunCore
import Foundation
import Testing

/// `Decimal.parseStrict`: the number forms a flow's text may hold, and the garbage it refuses
/// (where `Decimal(string:)` would read a prefix: `"12abc"` is 12 to it).
@Suite struct NumberParsingTests {
    @Test(
        arguments: [
            ("-12", "-12"), ("3.50", "3.5"), ("+1e3", "1000"), ("1E-2", "0.01"), ("-.5", "-0.5"), ("7.", "7"),
            ("0001", "1"), ("2.5e+1", "25"),
        ])
    func parsesNumbers(text: String, expected: String) throws {
        #expect(Decimal.parseStrict(text) == Decimal(string: expected))
    }

    @Test(arguments: ["", "+", ".", "e5", "1e", "12abc", "1.2.3", "1e5.0", "+-1", "1e++5", "1-2", " 1", "١٢", "1\u{0301}"])
    func refusesTheRest(text: String) {
        #expect(Decimal.parseStrict(text) == nil)
    }
}
