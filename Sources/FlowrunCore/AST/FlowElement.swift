/// A node of the flow graph: something that runs and says where to go next.
public struct FlowElement: Sendable {
    public var name: String
    public var label: String?
    public var location: SourceLocation
    public var kind: Kind

    public enum Kind: Sendable {
        case assignment(AssignmentElement)
        case decision(DecisionElement)
        case recordLookup(RecordLookupElement)
        case recordCreate(RecordCreateElement)
        case recordUpdate(RecordUpdateElement)
        case pluginCall(PluginCallElement)
        case screen(ScreenElement)
        case loop(LoopElement)
        case collectionProcessor(CollectionProcessorElement)
        case recordDelete(RecordDeleteElement)
        case recordRollback(RecordRollbackElement)
        case customError(CustomErrorElement)
        case transform(TransformElement)
        case wait(WaitElement)
        case subflow(SubflowElement)
    }

    public init(name: String, label: String?, location: SourceLocation, kind: Kind) {
        self.name = name
        self.label = label
        self.location = location
        self.kind = kind
    }

    /// The XML tag this element was written as, for messages.
    public var kindName: String {
        switch kind {
        case .assignment: "assignments"
        case .decision: "decisions"
        case .recordLookup: "recordLookups"
        case .recordCreate: "recordCreates"
        case .recordUpdate: "recordUpdates"
        case .pluginCall(let call): call.isActionCall ? "actionCalls" : "apexPluginCalls"
        case .screen: "screens"
        case .loop: "loops"
        case .collectionProcessor: "collectionProcessors"
        case .recordDelete: "recordDeletes"
        case .recordRollback: "recordRollbacks"
        case .customError: "customErrors"
        case .transform: "transforms"
        case .wait: "waits"
        case .subflow(let call): call.isActionCall ? "actionCalls" : "subflows"
        }
    }
}
