/// Salesforce's per-transaction limits for flows (Help, "Per-Transaction Flow Limits"), which
/// flowrun counts so that a flow that would fail in the org fails here too, with the same message.
/// A transaction is the stretch between two screens (or waits); subflows share their caller's.
public struct GovernorLimits: Sendable, Hashable {
    /// Get Records, and Update/Delete Records by filters.
    public var soqlQueries = 100
    /// Records retrieved by queries.
    public var queryRows = 50_000
    /// Create, Update and Delete Records elements (a collection counts once).
    public var dmlStatements = 150
    /// Records created, updated or deleted.
    public var dmlRows = 10_000
    /// Executed elements per interview for flows before API version 57.0 (the limit Spring '23
    /// removed); nil for newer flows and flows that give no version.
    public var executedElements: Int? = nil

    public init() {}

    /// The limits for a flow of `apiVersion` (as written: `"56.0"`).
    public static func forFlow(apiVersion: String?) -> GovernorLimits {
        var limits = GovernorLimits()
        if let apiVersion, let version = Double(apiVersion), version < 57 { limits.executedElements = 2_000 }
        return limits
    }
}

/// What one transaction has used so far.
struct TransactionUsage: Sendable, Codable, Hashable {
    var soqlQueries = 0
    var queryRows = 0
    var dmlStatements = 0
    var dmlRows = 0
}

extension Execution {
    /// The limits in force for `flow`, nil when switched off. Worked out once per execution
    /// (`Execution.limits`): the flow's API version is text, and every element is checked.
    static func limits(of flow: ValidatedFlow, _ configuration: InterpreterConfiguration) -> GovernorLimits? {
        configuration.enforcesGovernorLimits ? GovernorLimits.forFlow(apiVersion: flow.flow.apiVersion) : nil
    }

    /// Counts a query before it runs.
    mutating func countQuery() throws(FlowRuntimeError) {
        interview.usage.soqlQueries += 1
        if let limit = limits?.soqlQueries, interview.usage.soqlQueries > limit {
            throw Self.limitError("Too many SOQL queries: \(interview.usage.soqlQueries)")
        }
    }

    /// Counts the rows a query returned.
    mutating func countQueryRows(_ rows: Int) throws(FlowRuntimeError) {
        interview.usage.queryRows += rows
        if let limit = limits?.queryRows, interview.usage.queryRows > limit {
            throw Self.limitError("Too many query rows: \(interview.usage.queryRows)")
        }
    }

    /// Counts one DML statement writing `rows` records, before it runs.
    mutating func countDML(rows: Int) throws(FlowRuntimeError) {
        interview.usage.dmlStatements += 1
        if let limit = limits?.dmlStatements, interview.usage.dmlStatements > limit {
            throw Self.limitError("Too many DML statements: \(interview.usage.dmlStatements)")
        }
        interview.usage.dmlRows += rows
        if let limit = limits?.dmlRows, interview.usage.dmlRows > limit {
            throw Self.limitError("Too many DML rows: \(interview.usage.dmlRows)")
        }
    }

    /// Counts an executed element against the per-interview limit of older flows.
    func checkExecutedElements(at index: Int) throws(FlowRuntimeError) {
        guard let limit = limits?.executedElements, interview.totalSteps > limit else { return }
        let element = flow.elements[index]
        throw FlowRuntimeError(
            .limitExceeded,
            "Number of iterations exceeded: the interview ran more than \(limit) elements, the limit for flows before API version 57.0",
            elementName: element.name, location: element.location)
    }

    /// Salesforce reports these as `System.LimitException`; no fault connector catches them.
    static func limitError(_ message: String) -> FlowRuntimeError {
        FlowRuntimeError(.limitExceeded, "System.LimitException: \(message)")
    }
}
