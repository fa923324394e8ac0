/// Comparison whose running time does not depend on where two byte strings differ.
///
/// A plain `==` on strings stops at the first differing byte, so the time a rejection takes
/// tells an attacker how many leading digits of a guess were right.
enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Only the lengths leak, and they are public here
    /// (the number of digits a code has).
    static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func equals(_ a: String, _ b: String) -> Bool { equals(Array(a.utf8), Array(b.utf8)) }
}
