/// A reference that may reach a parent record through a lookup field, as Salesforce's
/// cross-object references do: `$Record.Account.Name` reads `Name` of the Account whose Id is in
/// `$Record.AccountId`; `Get_Task.Project__r.Name` follows `Project__c`.
///
/// The validator lists these so the interpreter can read the parents from the record store
/// before an element runs (reading a value is synchronous, the store is not).
struct RelatedRecordPath: Sendable, Hashable {
    enum Root: Sendable, Hashable {
        case slot(Int)
        case user
    }

    var root: Root
    var fields: [String]

    /// The lookup field that holds the Id of the parent `relationship` names: `Foo__c` for a
    /// custom relationship `Foo__r`, `AccountId` for the standard `Account`. Nil for a name that
    /// cannot be a relationship (one ending in `__c` or `Id`, say).
    static func lookupField(of relationship: String) -> String? {
        let lowered = relationship.lowercased()
        if lowered.hasSuffix("__r") { return String(relationship.dropLast(3)) + "__c" }
        if lowered.hasSuffix("__c") || lowered.hasSuffix("id") || relationship.isEmpty { return nil }
        return relationship + "Id"
    }

    /// Whether a bound reference can pass through a parent: it goes two or more fields deep, names
    /// a custom relationship, or (`asRecord`) stands where a record is expected, as
    /// `$Record.Account` does as the input of Update Records.
    static func candidate(_ expression: BoundExpression?, asRecord: Bool) -> RelatedRecordPath? {
        let root: Root
        let fields: [String]
        switch expression {
        case .slot(let slot, let path)?:
            (root, fields) = (.slot(slot), path)
        case .global(.user, let path)?:
            (root, fields) = (.user, path)
        default:
            return nil
        }
        guard !fields.isEmpty else { return nil }
        let reachesParent =
            fields.count >= 2 || (asRecord && lookupField(of: fields[0]) != nil)
            || fields.contains { $0.lowercased().hasSuffix("__r") }
        return reachesParent ? RelatedRecordPath(root: root, fields: fields) : nil
    }
}
