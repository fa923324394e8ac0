/// One input of a call: `<inputParameters>` of an action, plug-in, wait event or screen component,
/// or `<inputAssignments>` of a subflow. It names a parameter of the callee and the value it gets.
public struct InputBinding: Sendable {
    public var name: String
    public var value: Expression?
    public var location: SourceLocation
}

/// One output of a call: `<outputParameters>` or a subflow's `<outputAssignments>`. It names a
/// parameter of the callee and the resource its value is assigned to.
public struct OutputBinding: Sendable {
    public var name: String
    public var target: ReferencePath
    public var location: SourceLocation
    public var targetLocation: SourceLocation
}
