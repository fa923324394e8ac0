import Foundation
import Testing

@testable import FlowrunCore

/// The 64-bit fast path of Decimal arithmetic gives the answers decimal arithmetic gives, and the
/// very Decimal Foundation builds (same bytes, so it prints the same: `3`, not `3.0`).
@Suite("Small decimal arithmetic")
struct SmallDecimalTests {
    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    static func bytes(_ number: Decimal) -> [UInt8] { withUnsafeBytes(of: number) { Array($0) } }

    @Test func theLayoutIsRecognised() {
        #expect(SmallDecimal.layoutIsKnown)
    }

    @Test(arguments: [("1.005", -3), ("12", 0), ("1200", 2), ("-0.5", -1), ("1e-20", -20), ("0", 0)])
    func exponents(text: String, exponent: Int) {
        #expect(SmallDecimal.exponent(of: Self.decimal(text)) == exponent)
    }

    @Test(arguments: [
        ("0.1", "0.2", "0.3"), ("1.5", "1.5", "3"), ("99", "1", "100"), ("-3", "3", "0"), ("-3", "1", "-2"),
        ("12.5", "0.05", "12.55"), ("1e20", "1", "100000000000000000001"),
        ("18446744073709551615", "1", "18446744073709551616"),
    ])
    func sums(a: String, b: String, sum: String) {
        let result = SmallDecimal.sum(Self.decimal(a), Self.decimal(b))
        #expect(result == Self.decimal(sum))
        #expect("\(result)" == sum)
    }

    @Test(arguments: [("0.3", "0.1", "0.2"), ("1", "1.25", "-0.25"), ("-2", "-2", "0")])
    func differences(a: String, b: String, difference: String) {
        let result = SmallDecimal.sum(Self.decimal(a), Self.decimal(b), subtracting: true)
        #expect("\(result)" == difference)
    }

    @Test(arguments: [("12.5", "0.05", "0.625"), ("-4", "2.5", "-10"), ("4294967296", "4294967296", "18446744073709551616")])
    func products(a: String, b: String, product: String) {
        #expect("\(SmallDecimal.product(Self.decimal(a), Self.decimal(b)))" == product)
    }

    @Test(arguments: [
        ("-0.5", "0.25", ComparisonResult.orderedAscending), ("2", "2.000", .orderedSame), ("10", "9.99", .orderedDescending),
        ("-10", "-9", .orderedAscending), ("0", "-0.001", .orderedDescending),
    ])
    func order(a: String, b: String, expected: ComparisonResult) {
        #expect(SmallDecimal.order(Self.decimal(a), Self.decimal(b)) == expected)
    }

    /// Salesforce's MOD keeps the sign of the number.
    @Test(arguments: [("7", "3", "1"), ("-7", "3", "-1"), ("7", "-3", "1"), ("5.5", "2", "1.5"), ("6", "3", "0")])
    func remainders(a: String, b: String, remainder: String) {
        #expect(SmallDecimal.remainder(Self.decimal(a), Self.decimal(b)).map { "\($0)" } == remainder)
    }

    /// Against Foundation's own operators, over numbers of every length, sign and exponent the
    /// fast path takes and some it does not: the same bytes every time.
    @Test func sameDecimalsAsFoundation() {
        let texts = [
            "0", "1", "-1", "2", "10", "0.1", "0.05", "-0.05", "1.50", "12.5", "100.00", "99", "123456789", "-987654321.123",
            "4294967295", "65536", "18446744073709551615", "1e-20", "5e18", "0.000000001", "3.14159265358979",
        ]
        let numbers = texts.map(Self.decimal)
        for a in numbers {
            for b in numbers {
                #expect(Self.bytes(SmallDecimal.sum(a, b)) == Self.bytes(a + b), "\(a) + \(b)")
                #expect(Self.bytes(SmallDecimal.sum(a, b, subtracting: true)) == Self.bytes(a - b), "\(a) - \(b)")
                #expect(Self.bytes(SmallDecimal.product(a, b)) == Self.bytes(a * b), "\(a) × \(b)")
                let expected: ComparisonResult = a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
                #expect(SmallDecimal.order(a, b) == expected, "\(a) vs \(b)")
            }
        }
    }
}
