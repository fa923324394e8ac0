import Foundation

/// Arithmetic on Foundation's `Decimal` with a fast path for the numbers flows mostly hold: a
/// significand that fits in 64 bits (up to 19 digits) and a small exponent.
///
/// Why: on Linux, Foundation's `Decimal` operators work on arbitrary-length integers and cost
/// about a microsecond each (`+` 1.2 µs, `==` 0.9 µs, `<` 0.5 µs on the benchmark machine), which
/// made them most of the time of a counted loop (`I + 1`, `I < N`). Here such numbers are added,
/// subtracted, multiplied, compared and divided with remainder as 64-bit integers, and the result
/// is built as Foundation builds its own (the compact form: no trailing zeros in the significand),
/// so a value computed either way is the same `Decimal`, bit for bit, and prints the same. Anything
/// outside the fast path (an overflow, a significand over 64 bits, NaN) goes to Foundation.
///
/// Reading the significand needs `Decimal`'s storage, which swift-foundation does not make public
/// on Linux; `layoutIsKnown` checks once, against values Foundation itself builds, that the layout
/// is the one read here, and switches the fast path off if it is not.
enum SmallDecimal {
    /// `magnitude × 10^exponent`, negated when `negative`.
    struct Parts {
        var magnitude: UInt64
        var exponent: Int
        var negative: Bool
    }

    /// The number's parts, or nil when it is outside the fast path (significand over 64 bits, NaN).
    @inline(__always)
    static func parts(_ number: Decimal, layoutIsKnown known: Bool = layoutIsKnown) -> Parts? {
        guard known else { return nil }
        return rawParts(number)
    }

    /// Decimal's storage (swift-foundation): byte 0 the exponent (Int8); byte 1 the length of the
    /// significand in 16-bit words (high nibble), negative (bit 3) and compact (bit 2); bytes 4–19
    /// the significand, eight little-endian 16-bit words.
    ///
    /// Read and written as three machine words (`Words`), the registers a `Decimal` is passed in:
    /// reading the significand as 8 bytes at offset 4 of a copy on the stack straddled the two
    /// 8-byte stores that spilled it there, and the processor stalled on each such load (store
    /// forwarding fails): it was most of a counted loop's arithmetic.
    private typealias Words = (UInt64, UInt64, UInt32)

    @inline(__always)
    private static func rawParts(_ number: Decimal) -> Parts? {
        let (low, high, _) = unsafeBitCast(number, to: Words.self)
        let flags = UInt8(truncatingIfNeeded: low >> 8)
        let length = Int(flags >> 4)
        let negative = flags & 0b1000 != 0
        let exponent = Int8(truncatingIfNeeded: low)
        if length == 0 {
            // Zero; a zero with an exponent (parsed from `0.00`) keeps it through Foundation's
            // arithmetic, so only the plain zero takes the fast path.
            return negative || exponent != 0 ? nil : Parts(magnitude: 0, exponent: 0, negative: false)
        }
        guard length <= 4 else { return nil }
        let words = (low >> 32) | (high << 32)
        let magnitude = length == 4 ? words : words & ((1 << (16 * UInt64(length))) - 1)
        return Parts(magnitude: magnitude, exponent: Int(exponent), negative: negative)
    }

    /// `number.exponent`, read from the storage when its layout is known: Foundation's getter is a
    /// call into another library, made for every number stored in a variable with a scale.
    @inline(__always)
    static func exponent(of number: Decimal, layoutIsKnown known: Bool = layoutIsKnown) -> Int {
        guard known else { return number.exponent }
        return Int(Int8(truncatingIfNeeded: unsafeBitCast(number, to: Words.self).0))
    }

    /// The `Decimal` with these parts, stored as Foundation stores its results (compact: no
    /// trailing zero in the significand).
    @inline(__always)
    private static func rawDecimal(magnitude: UInt64, exponent: Int8, negative: Bool) -> Decimal {
        let length = UInt64((64 - magnitude.leadingZeroBitCount + 15) / 16)
        let flags = length << 4 | (negative ? 0b1000 : 0) | 0b100
        let low = UInt64(UInt8(bitPattern: exponent)) | flags << 8 | (magnitude & 0xFFFF_FFFF) << 32
        return unsafeBitCast((low, magnitude >> 32, UInt32(0)) as Words, to: Decimal.self)
    }

    /// True when `rawParts` reads Foundation's values correctly: checked once against numbers of
    /// every length and sign that Foundation parses itself.
    static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20, MemoryLayout<Words>.size == 20 else { return false }
        let samples: [(String, UInt64, Int, Bool)] = [
            ("0", 0, 0, false), ("2", 2, 0, false), ("-2", 2, 0, true), ("1.5", 15, -1, false), ("-0.05", 5, -2, true),
            ("65536", 65536, 0, false), ("123456789", 123_456_789, 0, false), ("-4294967296", 4_294_967_296, 0, true),
            ("18446744073709551615", UInt64.max, 0, false), ("1e20", 1, 20, false), ("12345678901.2345", 123_456_789_012_345, -4, false),
        ]
        for (text, magnitude, exponent, negative) in samples {
            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                let parts = rawParts(number), parts.magnitude == magnitude, parts.exponent == exponent,
                parts.negative == negative
            else { return false }
            // Built here, the same number is the same bytes as Foundation's.
            if magnitude != 0 {
                let built = rawDecimal(magnitude: magnitude, exponent: Int8(exponent), negative: negative)
                let same = withUnsafeBytes(of: built) { a in withUnsafeBytes(of: number) { b in a.elementsEqual(b) } }
                guard same, built == number else { return false }
            }
        }
        // Over 64 bits is outside the fast path.
        guard let big = Decimal(string: "18446744073709551616"), rawParts(big) == nil else { return false }
        return true
    }()

    /// The compact `Decimal` Foundation would build for these parts, or nil when the exponent is
    /// out of Decimal's range.
    @inline(__always)
    static func make(magnitude: UInt64, exponent: Int, negative: Bool) -> Decimal? {
        if magnitude == 0 { return Decimal() }
        var magnitude = magnitude
        var exponent = exponent
        while magnitude % 10 == 0 {
            magnitude /= 10
            exponent += 1
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        return rawDecimal(magnitude: magnitude, exponent: Int8(exponent), negative: negative)
    }

    /// The two significands at the smaller exponent, or nil when scaling one up overflows.
    @inline(__always)
    private static func aligned(_ a: Parts, _ b: Parts) -> (UInt64, UInt64, Int)? {
        if a.exponent == b.exponent { return (a.magnitude, b.magnitude, a.exponent) }
        if a.exponent > b.exponent {
            guard let scaled = scale(a.magnitude, by: a.exponent - b.exponent) else { return nil }
            return (scaled, b.magnitude, b.exponent)
        }
        guard let scaled = scale(b.magnitude, by: b.exponent - a.exponent) else { return nil }
        return (a.magnitude, scaled, a.exponent)
    }

    private static func scale(_ magnitude: UInt64, by digits: Int) -> UInt64? {
        if magnitude == 0 { return 0 }
        guard digits <= 19 else { return nil }
        var result = magnitude
        for _ in 0..<digits {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = product
        }
        return result
    }

    /// `a + b` (`subtracting`: `a - b`), fast when both are small.
    static func sum(_ a: Decimal, _ b: Decimal, subtracting: Bool = false) -> Decimal {
        sum(a, b, subtracting: subtracting, layoutIsKnown: layoutIsKnown)
    }

    /// `sum` for a caller that read `layoutIsKnown` once, ahead of a hot loop: reading that
    /// `static let` is a call to `swift_once` each time on Linux, a few percent of a counted loop.
    @inline(__always)
    static func sum(_ a: Decimal, _ b: Decimal, subtracting: Bool, layoutIsKnown known: Bool) -> Decimal {
        guard let x = parts(a, layoutIsKnown: known), var y = parts(b, layoutIsKnown: known), let (mx, my, exponent) = aligned(x, y)
        else {
            return subtracting ? a - b : a + b
        }
        if subtracting { y.negative.toggle() }
        let result: Decimal?
        if x.negative == y.negative {
            let (total, overflow) = mx.addingReportingOverflow(my)
            result = overflow ? nil : make(magnitude: total, exponent: exponent, negative: x.negative)
        } else if mx >= my {
            result = make(magnitude: mx - my, exponent: exponent, negative: x.negative)
        } else {
            result = make(magnitude: my - mx, exponent: exponent, negative: y.negative)
        }
        return result ?? (subtracting ? a - b : a + b)
    }

    /// `a × b`, fast when the product of the significands fits in 64 bits.
    static func product(_ a: Decimal, _ b: Decimal) -> Decimal {
        // The slow path is `Decimal.product`, not `*`, which traps on products too small for Decimal.
        guard let x = parts(a), let y = parts(b) else { return Decimal.product(a, b) }
        let (magnitude, overflow) = x.magnitude.multipliedReportingOverflow(by: y.magnitude)
        guard !overflow, let result = make(magnitude: magnitude, exponent: x.exponent + y.exponent, negative: x.negative != y.negative)
        else { return Decimal.product(a, b) }
        return result
    }

    /// The order of `a` and `b`, fast when both are small.
    static func order(_ a: Decimal, _ b: Decimal) -> ComparisonResult {
        guard let x = parts(a), let y = parts(b), let (mx, my, _) = aligned(x, y) else {
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        }
        // Zero has no sign.
        let xNegative = x.negative && mx != 0
        let yNegative = y.negative && my != 0
        if xNegative != yNegative { return xNegative ? .orderedAscending : .orderedDescending }
        if mx == my { return .orderedSame }
        return (mx < my) != xNegative ? .orderedAscending : .orderedDescending
    }

    /// The remainder of `a / b` with the sign of `a` (Salesforce's MOD), or nil when either is
    /// outside the fast path or `b` is zero; the caller computes it with Foundation then.
    static func remainder(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard let x = parts(a), let y = parts(b), let (mx, my, exponent) = aligned(x, y), my != 0 else { return nil }
        return make(magnitude: mx % my, exponent: exponent, negative: x.negative)
    }
}
