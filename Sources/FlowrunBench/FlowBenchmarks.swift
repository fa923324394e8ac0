import FlowrunCore
import Foundation
import Synchronization

/// Counts the elements an interview runs, once, outside the timed runs (an observer costs time).
final class ElementCounter: ExecutionObserver {
    let count = Mutex(0)
    func observe(_ event: ExecutionEvent) {
        if case .element = event { count.withLock { $0 += 1 } }
    }
}

/// One benchmark flow run many times against its direct-Swift twin; prints elements per second.
struct FlowBenchmark {
    var title: String
    var flow: ValidatedFlow
    var inputs: [String: FlowValue]
    /// Checks an interview's outputs against the direct Swift result, so both do the same work.
    var agrees: ([String: FlowValue]) -> Bool
    var direct: () -> Void

    func measure(runs: Int) async throws -> String {
        let counter = ElementCounter()
        let counted = Interpreter(flow: flow, services: FlowServices(records: InMemoryRecordStore(), observer: counter))
        let first = try await counted.start(inputs: inputs)
        guard case .finished(let outputs) = first.status, agrees(outputs) else {
            throw BenchmarkFailure("\(title): the flow and the direct Swift disagree: \(first.status)")
        }
        let elements = counter.count.withLock { $0 }
        let interpreter = Interpreter(flow: flow, services: FlowServices(records: InMemoryRecordStore()))
        let flowrun = try await Measurement.measure("flowrun interpreter", runs: runs) {
            let interview = try await interpreter.start(inputs: inputs)
            guard case .finished = interview.status else { throw BenchmarkFailure("\(title) did not finish") }
        }
        let swift = await Measurement.measure("direct Swift, same logic", runs: runs) { direct() }
        let rows = [flowrun, swift].map { measurement in
            [
                measurement.name, milliseconds(measurement.medianSeconds),
                rate(Double(elements) / measurement.medianSeconds) + " elements",
                String(format: "%.1f ns", measurement.medianSeconds / Double(elements) * 1e9),
                String(format: "%.1f×", measurement.medianSeconds / swift.medianSeconds),
            ]
        }
        return "## \(title): \(elements) elements per interview\n\n"
            + table(["what", "per interview", "elements/s", "per element", "vs direct Swift"], rows)
    }
}
