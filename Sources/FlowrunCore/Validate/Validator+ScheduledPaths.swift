/// A `<scheduledPaths>` entry, compiled: where it starts and when it is due.
///
/// Units and time sources are the Metadata API's (`FlowScheduledPath`: `offsetUnit` Months, Days,
/// Hours or Minutes, a negative `offsetNumber` meaning before the time source; `timeSource`
/// RecordTriggerEvent or RecordField; `pathType` AsyncAfterCommit for "Run Asynchronously").
struct CompiledScheduledPath: Sendable {
    enum Unit: String, Sendable, CaseIterable {
        case minutes = "Minutes"
        case hours = "Hours"
        case days = "Days"
        case months = "Months"
    }

    enum Timing: Sendable {
        /// "Run Asynchronously": right after the triggering transaction commits.
        case afterCommit
        /// `number` `unit`s after (before, when negative) the trigger time.
        case afterTrigger(number: Int, unit: Unit)
        /// `number` `unit`s after (before, when negative) a Date or DateTime field of the record.
        case afterField(String, number: Int, unit: Unit)
    }

    var name: String
    var label: String?
    var target: Int?
    var timing: Timing
    var location: SourceLocation
}

extension ValidationRun {
    /// The name flowrun shows for the asynchronous path, which Flow Builder exports without one.
    static let asyncPathName = "AsyncAfterCommit"

    /// Compiles the scheduled paths of `<start>`: each leads to an element, has a known path type,
    /// time source and unit, and names its field when it is timed by one. Only after-save flows
    /// have them in Salesforce.
    mutating func compileScheduledPaths(_ paths: [ScheduledPath], start: StartNode) -> [CompiledScheduledPath] {
        if !paths.isEmpty, start.triggerType != "RecordAfterSave" {
            diagnostics.append(
                .error(
                    "validate.scheduledPathTrigger",
                    "scheduled paths run only in flows triggered after a record is saved (triggerType RecordAfterSave), not '\(start.triggerType ?? "none")'",
                    at: paths[0].location))
        }
        var compiled: [CompiledScheduledPath] = []
        for (position, path) in paths.enumerated() {
            let target = target(of: path.connector)
            let name = path.name ?? (path.pathType == "AsyncAfterCommit" ? Self.asyncPathName : "ScheduledPath\(position + 1)")
            guard let timing = timing(of: path) else { continue }
            compiled.append(CompiledScheduledPath(name: name, label: path.label, target: target, timing: timing, location: path.location))
        }
        return compiled
    }

    private mutating func timing(of path: ScheduledPath) -> CompiledScheduledPath.Timing? {
        switch path.pathType {
        case "AsyncAfterCommit": return .afterCommit
        case nil: break
        case let other?:
            diagnostics.append(
                .error(
                    "validate.scheduledPathType", "'\(other)' is not a scheduled path type; use AsyncAfterCommit or leave it out",
                    at: path.location))
            return nil
        }
        let unitText = path.offsetUnit ?? "Hours"
        guard let unit = CompiledScheduledPath.Unit(rawValue: unitText) else {
            let known = CompiledScheduledPath.Unit.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: unitText, in: known).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(
                .error(
                    "validate.scheduledPathUnit",
                    "'\(unitText)' is not a scheduled path offset unit; use \(known.joined(separator: ", "))\(hint)", at: path.location))
            return nil
        }
        let number = path.offsetNumber ?? 0
        switch path.timeSource {
        case "RecordTriggerEvent": return .afterTrigger(number: number, unit: unit)
        case "RecordField":
            guard let field = path.recordField, !field.isEmpty else {
                diagnostics.append(
                    .error("validate.scheduledPathField", "a scheduled path timed by a record field needs <recordField>", at: path.location)
                )
                return nil
            }
            return .afterField(field, number: number, unit: unit)
        default:
            let source = path.timeSource.map { "'\($0)' is not a time source" } ?? "a scheduled path needs a <timeSource>"
            diagnostics.append(
                .error("validate.scheduledPathTimeSource", "\(source); use RecordTriggerEvent or RecordField", at: path.location))
            return nil
        }
    }
}
