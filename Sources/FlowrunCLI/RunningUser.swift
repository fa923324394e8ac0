import FlowrunCore

/// The running user (`$User`): the User record with the Id that `flowrun run --user` or a flow
/// test's `user` names, read from the records the flow runs against.
enum RunningUser {
    /// The User record with this Id, or nil when the records have none.
    /// - Throws: `ValidationErrorMessage` when its `TimeZoneSidKey` names no time zone.
    static func find(_ id: String, in store: some RecordStore) async throws -> FlowRecord? {
        let found = try await store.query(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))]))
        if let user = found.first, let problem = FlowTimeZone.problem(in: user) {
            throw ValidationErrorMessage("User \(id): \(problem)")
        }
        return found.first
    }

    /// What to say when there is no such record.
    static func notFound(_ id: String) -> String { "no User record with Id \(id) in the records" }
}
