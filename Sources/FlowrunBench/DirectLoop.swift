import Foundation

/// `benchmarks/Loop_Heavy.flow-meta.xml` written directly in Swift over plain structs.
enum DirectLoop {
    struct Opportunity {
        var id: String
        var stageName: String
        var amount: Decimal
    }

    struct Totals: Equatable {
        var wonTotal = Decimal(0)
        var wonCount = 0
        var openTotal = Decimal(0)
        var openCount = 0
        var wonIds: [String] = []
    }

    static func run(_ opportunities: [Opportunity]) -> Totals {
        var totals = Totals()
        for opportunity in opportunities {
            if opportunity.stageName == "Closed Won" {
                totals.wonTotal += opportunity.amount
                totals.wonCount += 1
                totals.wonIds.append(opportunity.id)
            } else {
                totals.openTotal += opportunity.amount
                totals.openCount += 1
            }
        }
        return totals
    }

    /// `count` opportunities, every third one won, amounts 1,000.00 to 1,099.50.
    static func opportunities(count: Int) -> [Opportunity] {
        (0..<count).map { i in
            let digits = String(i)
            let padding = String(repeating: "0", count: max(0, 12 - digits.count))
            let amount: Decimal = Decimal(1000) + Decimal(i % 200) / Decimal(2)
            return Opportunity(id: "006" + padding + digits + "AAA", stageName: i % 3 == 0 ? "Closed Won" : "Prospecting", amount: amount)
        }
    }
}
