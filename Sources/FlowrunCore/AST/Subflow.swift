/// `<subflows>`, and `<actionCalls>` whose `<actionType>` is `flow`: run another flow of the same
/// folder with its own variables, passing inputs in and outputs back.
public struct SubflowElement: Sendable {
    /// An `<inputAssignments>` (or an action's `<inputParameters>`): an input variable of the
    /// called flow and the value it gets.
    public struct Input: Sendable {
        public var name: String
        public var value: Expression?
        public var location: SourceLocation
    }

    /// An `<outputAssignments>` (or an action's `<outputParameters>`): an output variable of the
    /// called flow and where its value goes.
    public struct Output: Sendable {
        public var name: String
        public var target: ReferencePath
        public var location: SourceLocation
        public var targetLocation: SourceLocation
    }

    /// The called flow's API name (`<flowName>`, or the action's `<actionName>`).
    public var flowName: String
    public var flowNameLocation: SourceLocation
    /// Written as `<actionCalls>` with `<actionType>flow</actionType>`.
    public var isActionCall: Bool
    public var inputs: [Input]
    public var outputs: [Output]
    public var storeOutputAutomatically: Bool
    public var connector: Connector?
    /// Only the action form has one; the `<subflows>` schema has no fault connector.
    public var faultConnector: Connector?
}
