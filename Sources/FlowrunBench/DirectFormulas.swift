import Foundation

/// `benchmarks/Formula_Heavy.flow-meta.xml` written directly in Swift: the same four formulas per
/// round, with Decimal money and Foundation's calendar, as a developer would write them.
enum DirectFormulas {
    struct Totals: Equatable {
        var total = Decimal(0)
        var codeLength = 0
        var monthSum = 0
        var tierPoints = 0
    }

    static func run(count: Int) -> Totals {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let january31 = calendar.date(from: DateComponents(year: 2024, month: 1, day: 31)) ?? Date()
        var totals = Totals()
        for i in 0..<count {
            // ROUND((100 + MOD(I, 7) * 12.5) * (1 + MOD(I, 5)) * (1 - MOD(I, 4) * 0.05), 2)
            let price = Decimal(100) + Decimal(i % 7) * Decimal(string: "12.5")!
            let line = price * Decimal(1 + i % 5) * (Decimal(1) - Decimal(i % 4) * Decimal(string: "0.05")!)
            var rounded = Decimal()
            var exact = line
            NSDecimalRound(&rounded, &exact, 2, .plain)
            totals.total += rounded
            // LEN(UPPER(LEFT("order-" & TEXT(I), 3)) & "-" & LPAD(TEXT(MOD(I, 1000)), 4, "0"))
            let digits = String(i % 1000)
            let code =
                ("order-" + String(i)).prefix(3).uppercased() + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            totals.codeLength += code.count
            // MONTH(ADDMONTHS(DATE(2024, 1, 31), MOD(I, 12)))
            let due = calendar.date(byAdding: .month, value: i % 12, to: january31) ?? january31
            totals.monthSum += calendar.component(.month, from: due)
            // IF(CASE(MOD(I, 3), 0, "gold", 1, "silver", "bronze") = "gold", 3, IF(MOD(I, 3) = 1, 2, 1))
            let tier =
                switch i % 3 {
                case 0: "gold"
                case 1: "silver"
                default: "bronze"
                }
            totals.tierPoints += tier == "gold" ? 3 : (i % 3 == 1 ? 2 : 1)
        }
        return totals
    }
}
