/// Screen actions (Metadata API 59.0+, `FlowScreenAction` and `FlowScreenTrigger`): a screen
/// runs an autolaunched flow while it is shown, when it loads or when one of its components
/// raises an event, and the screen's components read the result as `{!Action.IsSuccess}`,
/// `{!Action.InProgress}` and `{!Action.Results.output}`.
extension ScreenElement {
    /// `<actions>`: the flow to run (`actionType` `flow`, the only type the Metadata API lists)
    /// and the inputs it is given.
    public struct Action: Sendable {
        public var name: String
        public var label: String?
        public var actionType: String
        /// The call, as a subflow whose outputs are stored under the action's name.
        public var call: SubflowElement
        public var location: SourceLocation
    }

    /// `<triggers>`: when `eventSource` (a field on the screen, or an attribute of one) raises
    /// `eventName`, each handler whose conditions hold runs its screen action.
    public struct Trigger: Sendable {
        public struct Handler: Sendable {
            public var screenActionName: String
            public var screenActionNameLocation: SourceLocation
            /// `runOnLoad` (the first time the screen is shown) or `runOnRevisit` (every time).
            public var initBehavior: String?
            public var logic: ConditionLogicSpec?
            public var conditions: [Condition]
        }

        public var eventName: String
        public var eventSource: String
        public var handlers: [Handler]
        public var location: SourceLocation
    }
}
