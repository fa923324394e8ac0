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
