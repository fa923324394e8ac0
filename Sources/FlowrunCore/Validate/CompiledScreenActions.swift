/// A screen action ready to run: the autolaunched flow it calls, checked like a subflow, and the
/// slot its result is kept in (`{!Action.IsSuccess}`, `{!Action.InProgress}`, `{!Action.Results.x}`).
struct CompiledScreenAction: Sendable {
    var name: String
    var call: CompiledSubflow
    var slot: Int?
}

/// When a screen runs its actions: on load, or when a field raises an event.
struct CompiledScreenTrigger: Sendable {
    struct Handler: Sendable {
        /// Index into the screen's `actions`.
        var action: Int
        var runOnLoad: Bool
        var runOnRevisit: Bool
        var conditions: [CompiledCondition]
        var logic: ConditionLogic
    }

    var eventSource: String
    var eventName: String
    var handlers: [Handler]
}
