import Foundation

/// Decimal arithmetic the formula functions need beyond what Foundation offers directly.
extension Decimal {
    /// Rounded to `scale` digits after the point (negative: to tens, hundreds, …) by `mode`,
    /// applied to the magnitude so `.down` means toward zero and `.up` away from zero.
    func roundedMagnitude(scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        let negative = self < 0
        var magnitude = negative ? -self : self
        var result = Decimal()
        if scale >= 0 {
            NSDecimalRound(&result, &magnitude, scale, mode)
        } else {
            // Shift by a power of ten (exact in Decimal), round to a whole number, shift back.
            let factor = Decimal.powerOfTen(-scale)
            var shifted = magnitude / factor
            var whole = Decimal()
            NSDecimalRound(&whole, &shifted, 0, mode)
            result = whole * factor
        }
        return negative ? -result : result
    }

    /// `a * b`, except that a product too small for Decimal rounds toward zero instead of
    /// trapping: Foundation's multiplication traps (SIGILL) when the operands' exponents add up
    /// below Decimal's least, -128, as in `0.1^120 * (1/3)` (found by the formula fuzzer). The
    /// operands first give up the excess digits; only a product too small for even that (below
    /// about 10^-126) becomes 0.
    static func product(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard !a.isNaN, !b.isNaN, !a.isZero, !b.isZero, a.exponent + b.exponent < leastExponent else { return a * b }
        let excess = leastExponent - (a.exponent + b.exponent)
        var operands = [a, b].sorted { $0.significantDigits > $1.significantDigits }
        let digits = operands.map(\.significantDigits)
        // The longer operand gives up digits until both are as long, then they share the rest,
        // so that the product keeps as many significant digits as it can.
        let first = min(excess, digits[0] - digits[1])
        let shared = excess - first
        let cuts = [first + (shared + 1) / 2, shared / 2]
        guard cuts[0] < digits[0], cuts[1] < digits[1] else { return 0 }
        for index in operands.indices where cuts[index] > 0 {
            operands[index] = operands[index].roundedMagnitude(scale: -operands[index].exponent - cuts[index], .plain)
        }
        // Rounding keeps the exponents at or above the scale asked for; NaN (an error) if not.
        guard operands[0].exponent + operands[1].exponent >= leastExponent else { return .nan }
        return operands[0] * operands[1]
    }

    /// How many significant digits a non-zero number has (`0.00123` has 3).
    var significantDigits: Int {
        let magnitude = Int(Foundation.log10(Swift.abs(doubleValue)).rounded(.down)) + 1
        return Swift.max(1, magnitude - exponent)
    }

    /// `base` to a whole, non-negative power, by squaring through `product`.
    static func power(_ base: Decimal, _ exponent: Int) -> Decimal {
        var result: Decimal = 1
        var square = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = product(result, square) }
            remaining >>= 1
            if remaining > 0 { square = product(square, square) }
        }
        return result
    }

    /// Decimal's least exponent.
    private static let leastExponent = -128

    static func powerOfTen(_ exponent: Int) -> Decimal {
        Decimal(sign: .plus, exponent: exponent, significand: 1)
    }

    /// The whole part, toward zero.
    var truncated: Decimal { roundedMagnitude(scale: 0, .down) }

    var isWhole: Bool { truncated == self }

    /// The whole part as an Int, or nil when out of range.
    var truncatedInt: Int? {
        let whole = truncated
        guard whole.magnitude <= Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: whole).intValue
    }

    var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }

    /// The shortest decimal that reads back as `double` (so `LOG(100)` is exactly 2, not 2.0000000000000004).
    init?(shortest double: Double) {
        guard double.isFinite, let value = Decimal(string: "\(double)", locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }
}
