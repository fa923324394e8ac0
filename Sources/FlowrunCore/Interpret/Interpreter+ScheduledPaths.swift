import Foundation

/// A record change run as Salesforce runs it: the immediate path, then each scheduled path.
public struct TriggeredRun: Sendable {
    /// The immediate path (the interview `Interpreter.trigger` returns).
    public var interview: Interview
    /// The flow's scheduled paths, in the order they ran (those not scheduled last).
    public var scheduledPaths: [ScheduledPathRun]
}

/// One scheduled path of a triggered run: when it was due and what became of it.
public struct ScheduledPathRun: Sendable {
    public enum Outcome: Sendable {
        /// It ran in its own interview (which may have failed).
        case ran(Interview)
        /// The record was deleted before the path was due, so it did not run.
        case recordDeleted
        /// Its time could not be computed (the reason: its record field is empty, say), so it was
        /// never queued.
        case notScheduled(String)
    }

    /// The path's API name (`AsyncAfterCommit` for the asynchronous path, which has none).
    public var name: String
    public var label: String?
    /// When it ran, in the interpreter's (virtual) time; nil when it was not scheduled.
    public var time: Date?
    public var outcome: Outcome

    /// The interview of a path that ran.
    public var interview: Interview? {
        if case .ran(let interview) = outcome { return interview }
        return nil
    }
}

extension Interpreter {
    /// Runs a record change as Salesforce's save and scheduled-path queue would: the immediate
    /// path first (`trigger`), then — when it finished, so its transaction committed — each
    /// scheduled path in its own interview and transaction: the asynchronous path
    /// (`AsyncAfterCommit`) first, then the timed paths in the order they are due (paths due
    /// together in the order the flow lists them). A path's interview runs with the clock at its
    /// due time; a due time already past at the trigger runs at once, at the trigger time.
    ///
    /// Salesforce's documentation is followed where it speaks (Help, "Scheduled Paths"; Metadata
    /// API, `FlowScheduledPath`): the time source is the trigger or a Date/DateTime field of the
    /// record, offset by `offsetNumber` Minutes, Hours, Days or Months (negative: before); a path
    /// whose field is empty is not scheduled; a deleted record's paths do not run. Where it is
    /// silent, flowrun decides, and says so in README.md ("Scheduled paths"): `$Record` is the
    /// record as the store holds it when the path runs (re-read by Id), `$Record__Prior` is the
    /// record before the triggering change, the entry conditions are not evaluated again, a Date
    /// field counts from midnight UTC, and Months move the calendar as ADDMONTHS does.
    /// - Throws: `FlowInputError` as `trigger` does.
    public func triggerWithScheduledPaths(
        _ event: TriggerEvent, inputs: [String: FlowValue] = [:]
    ) async throws(FlowInputError) -> TriggeredRun {
        let (interview, saved) = try await runImmediatePath(event, inputs: inputs)
        guard let trigger = flow.trigger, !trigger.scheduledPaths.isEmpty, interview.entryConditionsMet,
            case .finished = interview.status
        else { return TriggeredRun(interview: interview, scheduledPaths: []) }
        let triggerTime = interview.startTime
        var queued: [(path: CompiledScheduledPath, time: Date, rank: Int)] = []
        var unscheduled: [ScheduledPathRun] = []
        for path in trigger.scheduledPaths {
            switch Self.dueTime(
                of: path, record: saved.record, triggerTime: triggerTime, zone: FlowTimeZone.forOrganization(flow.settings.organization))
            {
            case .success(let time):
                let rank = if case .afterCommit = path.timing { 0 } else { 1 }
                queued.append((path, max(time, triggerTime), rank))
            case .failure(let reason):
                unscheduled.append(ScheduledPathRun(name: path.name, label: path.label, time: nil, outcome: .notScheduled(reason.text)))
            }
        }
        // A stable sort keeps the flow's order among paths due at the same time.
        let order = queued.enumerated().sorted { lhs, rhs in
            (lhs.element.rank, lhs.element.time, lhs.offset) < (rhs.element.rank, rhs.element.time, rhs.offset)
        }.map(\.element)
        var runs: [ScheduledPathRun] = []
        for entry in order {
            let outcome = await runScheduledPath(entry.path, at: entry.time, event: saved, inputs: inputs)
            runs.append(ScheduledPathRun(name: entry.path.name, label: entry.path.label, time: entry.time, outcome: outcome))
        }
        return TriggeredRun(interview: interview, scheduledPaths: runs + unscheduled)
    }

    /// Why a path has no due time, as text for the CLI and flow tests.
    struct Unscheduled: Error {
        var text: String
    }

    /// When a path is due, before the "already past runs now" rule. A Date field counts from its
    /// midnight in `zone`, the org's default time zone (the queue runs as the Automated Process user).
    static func dueTime(
        of path: CompiledScheduledPath, record: FlowRecord, triggerTime: Date, zone: TimeZone
    ) -> Result<Date, Unscheduled> {
        switch path.timing {
        case .afterCommit:
            return .success(triggerTime)
        case .afterTrigger(let number, let unit):
            return .success(moved(triggerTime, by: number, unit))
        case .afterField(let field, let number, let unit):
            let base: Date
            switch record[field] {
            case .dateTime(let instant): base = instant
            case .date(let date): base = date.startOfDay(in: zone)
            case .string(let text) where Date(isoText: text) != nil:
                base = Date(isoText: text) ?? triggerTime
            case .string(let text) where LocalDate(iso: text) != nil:
                base = LocalDate(iso: text)?.startOfDay(in: zone) ?? triggerTime
            case .null: return .failure(Unscheduled(text: "\(field) is empty"))
            case let other: return .failure(Unscheduled(text: "\(field) is a \(other.kindName), not a Date or DateTime"))
            }
            return .success(moved(base, by: number, unit))
        }
    }

    /// `instant` moved by `number` `unit`s; Months move the UTC calendar date as ADDMONTHS does and
    /// keep the time of day.
    static func moved(_ instant: Date, by number: Int, _ unit: CompiledScheduledPath.Unit) -> Date {
        switch unit {
        case .minutes: return instant.addingTimeInterval(TimeInterval(number) * 60)
        case .hours: return instant.addingTimeInterval(TimeInterval(number) * 3_600)
        case .days: return instant.addingTimeInterval(TimeInterval(number) * 86_400)
        case .months:
            let date = LocalDate(utcDateOf: instant)
            let days = FormulaDates.adding(months: number, to: date).daysSinceEpoch - date.daysSinceEpoch
            return instant.addingTimeInterval(TimeInterval(days) * 86_400)
        }
    }

    /// One scheduled path: the record re-read by Id (gone: the path does not run), then a new
    /// interview from the path's first element with the clock at `time`.
    private func runScheduledPath(
        _ path: CompiledScheduledPath, at time: Date, event: TriggerEvent, inputs: [String: FlowValue]
    ) async -> ScheduledPathRun.Outcome {
        guard let object = flow.triggerObject, let id = event.record.id else { return .recordDeleted }
        let record: FlowRecord
        do {
            let found = try await services.records.query(
                RecordQuery(object: object, filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))]))
            guard var stored = found.first else { return .recordDeleted }
            stored.objectType = object
            record = stored
        } catch {
            return .ran(
                Self.failedBeforeStart(
                    flow, services, "the \(object) record \(id) could not be read for scheduled path '\(path.name)': \(error)"))
        }
        services.observer?.observe(.scheduledPath(name: path.name, time: time.isoText))
        var execution: Execution
        do {
            execution = try triggeredExecution(record: record, prior: event.prior, startTime: time, inputs: inputs)
        } catch {
            // The immediate path took these inputs, so this cannot happen; fail rather than trap.
            return .ran(Self.failedBeforeStart(flow, services, error.description))
        }
        execution.interview.clockShift = time.timeIntervalSince(services.clock.now())
        execution.runsAsAutomatedProcess = true
        execution.interview.position = .ready(path.target)
        await execution.inTransaction { await $0.run() }
        return .ran(execution.interview)
    }
}
