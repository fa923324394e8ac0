import FlowrunCore
import FlowrunSQLite

/// The seed SMS interviews beside their direct-Swift twin, both driven from a detached task.
///
/// Top-level code runs on the main actor, and a closure written there is isolated to it, so every
/// `start`/`resume` (and every store call of the twin) hopped to the cooperative pool and back:
/// two thread switches, about 15% of an interview (BENCHMARKS.md, sms2fa interviews). A server
/// handles a request on the pool, never on the main actor, so measuring from the pool is the
/// fair figure; both halves run the same way, so their ratio stays fair too.
enum InterviewBenchmark {
    static func measure(
        interpreter: Interpreter, store: SQLiteRecordStore, random: any RandomSource, batch: Int, runs: Int
    ) async throws -> (interviews: Measurement, direct: Measurement) {
        try await Task.detached {
            let interviews = try await Measurement.measure("flowrun: seed SMS flow interviews", runs: runs) {
                for _ in 0..<batch {
                    var interview = try await interpreter.start(inputs: ["LoginFlow_UserId": "005000000000001AAA"])
                    let code = interview.value(of: "VerificationCode")?.stringValue ?? ""
                    await interpreter.resume(&interview, answers: ["Code": .string(code == "000000" ? "111111" : "000000")])
                    let second = interview.value(of: "VerificationCode") ?? .null
                    await interpreter.resume(&interview, answers: ["Code": second])
                    guard case .finished = interview.status else {
                        throw BenchmarkFailure("an interview did not finish: \(interview.status)")
                    }
                }
            }
            let direct = try await Measurement.measure("direct Swift: same logic", runs: runs) {
                for _ in 0..<batch {
                    let verified = try await DirectSwift2FA.run(store: store, random: random, userId: "005000000000001AAA")
                    if !verified { throw BenchmarkFailure("the direct Swift version did not verify") }
                }
            }
            return (interviews, direct)
        }.value
    }
}
