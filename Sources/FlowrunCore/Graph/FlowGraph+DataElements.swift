extension FlowGraph {
    /// Shape and edges of the elements that sort, filter, delete, roll back, stop, transform or wait.
    static func addDataElement(
        _ kind: FlowElement.Kind, link: (_ connector: Connector?, _ text: String?, _ fault: Bool) -> Void
    ) -> Shape {
        switch kind {
        case .collectionProcessor(let processor):
            link(processor.connector, nil, false)
            return .assignment
        case .recordDelete(let delete):
            link(delete.connector, nil, false)
            link(delete.faultConnector, "fault", true)
            return .records
        case .recordRollback(let rollback):
            link(rollback.connector, nil, false)
            return .records
        case .customError(let error):
            link(error.connector, nil, false)
            return .assignment
        case .transform(let transform):
            link(transform.connector, nil, false)
            return .assignment
        case .wait(let wait):
            for event in wait.events { link(event.connector, event.label ?? event.name, false) }
            link(wait.defaultConnector, wait.defaultLabel ?? "Default Path", false)
            link(wait.faultConnector, "fault", true)
            return .decision
        default:
            return .assignment
        }
    }
}
