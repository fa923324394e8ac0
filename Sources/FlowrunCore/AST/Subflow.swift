/// `<subflows>`, and `<actionCalls>` whose `<actionType>` is `flow`: run another flow of the same
/// folder with its own variables, passing inputs in and outputs back.
public struct SubflowElement: Sendable {
    /// An `<inputAssignments>` (or an action's `<inputParameters>`).
    public typealias Input = InputBinding
    /// An `<outputAssignments>` (or an action's `<outputParameters>`).
    public typealias Output = OutputBinding

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
