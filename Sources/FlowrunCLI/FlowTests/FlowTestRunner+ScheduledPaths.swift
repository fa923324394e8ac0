import FlowrunCore
import Foundation

extension FlowTestRunner {
    /// The scheduled paths that ran against `expected`: the same names in the same order, at the
    /// expected times and ending as expected. A path that failed fails the test unless the
    /// expectation says `failed`, so a broken scheduled path is never passed over.
    static func check(_ expected: [FlowTestCase.ScheduledPathExpectation]?, ran runs: [ScheduledPathRun]) -> [String] {
        let ran = runs.filter { $0.interview != nil }
        var failures: [String] = []
        if let expected {
            let names = ran.map(\.name)
            if names != expected.map(\.name) {
                failures.append("scheduled paths: expected \(list(expected.map(\.name))) to run, got \(list(names))\(notRun(runs))")
            }
            for (wanted, run) in zip(expected, ran) where wanted.name == run.name {
                if let at = wanted.at {
                    guard let instant = Date(isoText: at) else {
                        failures.append("scheduled path \(wanted.name): at \"\(at)\" is not a date-time (2024-05-01T09:30:00Z)")
                        continue
                    }
                    if run.time != instant {
                        failures.append(
                            "scheduled path \(wanted.name): expected to run at \(instant.isoText), ran at \(run.time?.isoText ?? "no time")"
                        )
                    }
                }
                if let status = wanted.status, let interview = run.interview, status != statusName(interview.status) {
                    failures.append("scheduled path \(wanted.name): expected \(status), got \(describe(interview.status))")
                }
            }
        }
        for run in ran {
            guard case .failed(let error) = run.interview?.status else { continue }
            let expectsFailure = expected?.contains { $0.name == run.name && $0.status == "failed" } ?? false
            if !expectsFailure { failures.append("scheduled path \(run.name) failed: \(error)") }
        }
        return failures
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : "[" + names.joined(separator: ", ") + "]"
    }

    /// Why the paths that did not run did not, to explain a mismatch.
    private static func notRun(_ runs: [ScheduledPathRun]) -> String {
        let reasons = runs.compactMap { run -> String? in
            switch run.outcome {
            case .ran: nil
            case .recordDeleted: "\(run.name): the record was deleted"
            case .notScheduled(let reason): "\(run.name): \(reason)"
            }
        }
        return reasons.isEmpty ? "" : " (not run: " + reasons.joined(separator: "; ") + ")"
    }
}
