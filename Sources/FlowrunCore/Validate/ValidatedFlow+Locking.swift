/// Which Get Records lock the rows they read.
///
/// A flow that reads a record and later writes it back (a failure counter, a pending code) must
/// not interleave with another interview doing the same, or one update is lost. Salesforce
/// leaves this to `FOR UPDATE` in Apex; flowrun decides it from the flow: a Get Records of an
/// object the flow may update or delete locks what it finds until the transaction ends. Stores
/// that serialise writing transactions anyway (SQLite, in memory) ignore the flag; PostgreSQL
/// takes row locks with it.
enum ObjectSet: Sendable, Hashable {
    /// Every object: the flow writes records whose object it cannot name before running.
    case all
    case some(Set<String>)

    func contains(_ object: String) -> Bool {
        switch self {
        case .all: true
        case .some(let objects): objects.contains(object.lowercased())
        }
    }
}

extension ValidatedFlow {
    /// Whether a Get Records of `object` should lock the rows it reads.
    func locksReads(of object: String) -> Bool { lockedObjects.contains(object) }

    /// The objects the elements update or delete.
    static func objectsWritten(by elements: [CompiledElement], resources: [Resource]) -> ObjectSet {
        var objects: Set<String> = []
        for element in elements {
            let object: String?
            let input: BoundExpression?
            switch element.kind {
            case .recordUpdate(let update): (object, input) = (update.object, update.inputReference)
            case .recordDelete(let delete): (object, input) = (delete.object, delete.inputReference)
            default: continue
            }
            var named = object
            if named == nil, case .slot(let slot, let fields)? = input, fields.isEmpty {
                named = resources[slot].type.objectType
            }
            guard let named else { return .all }
            objects.insert(named.lowercased())
        }
        return .some(objects)
    }
}
