import FlowrunCore

/// How `flowrun run` shows the scheduled paths of a record-triggered run: one line each in text,
/// an object each in JSON, with the (virtual) time each ran at.
extension ScheduledPathRun {
    /// `Scheduled path Remind_Owner ran at 2024-05-02T09:30:00.000Z: finished.`
    var summary: String {
        let title = "Scheduled path \(name)"
        switch outcome {
        case .ran(let interview):
            let at = time.map { " at \($0.isoText)" } ?? ""
            let status = if case .failed = interview.status { "failed" } else { "finished" }
            return "\(title) ran\(at): \(status)."
        case .recordDeleted:
            return "\(title) did not run: the record was deleted before it was due."
        case .notScheduled(let reason):
            return "\(title) was not scheduled: \(reason)."
        }
    }

    /// The error of a path that failed, as the immediate path's errors are shown.
    func failureText(_ error: FlowRuntimeError) -> String {
        let place = error.location.map { "\($0): " } ?? ""
        let element = error.elementName.map { "'\($0)' failed: " } ?? ""
        return "\(place)error: scheduled path \(name): \(element)\(error.message)"
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name)]
        if let label { object["label"] = .string(label) }
        if let time { object["time"] = .string(time.isoText) }
        switch outcome {
        case .ran(let interview):
            if case .failed(let error) = interview.status {
                object["status"] = .string("failed")
                object["error"] = .string(error.description)
            } else {
                object["status"] = .string("finished")
            }
        case .recordDeleted:
            object["status"] = .string("recordDeleted")
        case .notScheduled(let reason):
            object["status"] = .string("notScheduled")
            object["reason"] = .string(reason)
        }
        return .object(object)
    }
}
