/// Reads a field path (`Var.Field`, or across lookups: `Contact.Account.Name`,
/// `myVariable_current.Owner:User.Id`) out of a record value.
///
/// A relationship the record holds nested (a fixture or an input that gives `"Account": {…}`) is
/// followed as it is. One it does not hold is judged by its lookup field (`Account` → `AccountId`,
/// `Vendor__r` → `Vendor__c`): blank means there is no related record; set means there is one, which
/// `parents` supplies when the interpreter has read it from the record store
/// (`Execution.loadRelatedRecords`). A parent the store does not have still has the `Id` the
/// lookup holds; its other fields read as null.
enum FieldPath {
    /// The value at `fields` inside `value`; nil when a record along the path is not there (a null
    /// record variable, or a blank lookup), which Salesforce reports as a value never set.
    static func follow(
        _ value: FlowValue, _ fields: some Collection<String>, parents: (String) -> FlowRecord? = { _ in nil }
    ) -> FlowValue? {
        var current = value
        var rest = fields[...]
        while let field = rest.popFirst() {
            guard case .record(let record) = current else { return current.isNull ? nil : .null }
            // The field as written, stored under that spelling: one look-up, the usual case.
            if let stored = record.value(spelled: field), !field.utf8.contains(UInt8(ascii: ":")) {
                current = stored
                continue
            }
            // `Owner:User` names the polymorphic Owner lookup as a User.
            let relationship = String(field.prefix { $0 != ":" })
            if record.hasField(relationship) {
                current = record[relationship]
                continue
            }
            guard let id = lookupID(of: relationship, in: record) else {
                // The last field is an ordinary field (blank or not given); a relationship further in
                // with a blank lookup is a record that is not there.
                current = rest.isEmpty ? record[field] : .null
                continue
            }
            if rest.count == 1, rest.first?.lowercased() == "id" { return .string(id) }
            guard let parent = parents(id) else { return .null }
            current = .record(parent)
        }
        return current
    }

    /// The Id in the lookup field behind a relationship (`Owner:User` is the Owner lookup), when it is set.
    static func lookupID(of relationship: String, in record: FlowRecord) -> String? {
        let relationship = String(relationship.prefix { $0 != ":" })
        guard let lookup = RelatedRecordPath.lookupField(of: relationship), case .string(let id) = record[lookup], !id.isEmpty else {
            return nil
        }
        return id
    }
}
