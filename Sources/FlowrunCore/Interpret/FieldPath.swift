/// Reads a field path (`Var.Field`, or across lookups: `Contact.Account.Name`,
/// `myVariable_current.Owner:User.Id`) out of a record value.
///
/// flowrun keeps a related record only when it was given nested in the value (a fixture or an
/// input); records read from the store carry their lookup fields (`AccountId`) but not the
/// records those point at. So a relationship the record does not hold is judged by its lookup
/// field: blank means there is no related record; set means there is one whose `Id` is known and
/// whose other fields flowrun cannot read (they read as null).
enum FieldPath {
    /// The value at `fields` inside `value`; nil when a record along the path is not there (a null
    /// record variable, or a blank lookup), which Salesforce reports as a value never set.
    static func follow(_ value: FlowValue, _ fields: some Collection<String>) -> FlowValue? {
        var current = value
        var rest = fields[...]
        while let field = rest.popFirst() {
            guard case .record(let record) = current else { return current.isNull ? nil : .null }
            if rest.isEmpty { return record[field] }
            // `Owner:User` names the polymorphic Owner lookup as a User.
            let relationship = String(field.prefix { $0 != ":" })
            if record.hasField(relationship) {
                current = record[relationship]
            } else if let id = lookupID(of: relationship, in: record) {
                return rest.count == 1 && rest.first?.lowercased() == "id" ? id : .null
            } else {
                current = .null
            }
        }
        return current
    }

    /// The Id in the lookup field behind a relationship (`Account` → `AccountId`, `Vendor__r` →
    /// `Vendor__c`), when it is set.
    private static func lookupID(of relationship: String, in record: FlowRecord) -> FlowValue? {
        let lookupField =
            relationship.lowercased().hasSuffix("__r") ? relationship.dropLast(3) + "__c" : relationship + "Id"
        let id = record[lookupField]
        return id.isBlank ? nil : id
    }
}
