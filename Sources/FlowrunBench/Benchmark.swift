import Foundation

/// Times `body` over repeated runs and reports the median per-run time, so a shared, noisy
/// machine disturbs the figure less than a mean would.
struct Measurement {
    var name: String
    var medianSeconds: Double
    var runs: Int

    var perSecond: Double { 1 / medianSeconds }

    static func measure(_ name: String, runs: Int, warmup: Int = 2, _ body: () async throws -> Void) async rethrows -> Measurement {
        for _ in 0..<warmup { try await body() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        samples.sort()
        return Measurement(name: name, medianSeconds: samples[samples.count / 2], runs: runs)
    }
}

/// Formats rows as a Markdown table (pasted into BENCHMARKS.md as printed).
func table(_ header: [String], _ rows: [[String]]) -> String {
    var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
    lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
    return lines.joined(separator: "\n")
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

func rate(_ perSecond: Double) -> String { String(format: "%.0f/s", perSecond) }
