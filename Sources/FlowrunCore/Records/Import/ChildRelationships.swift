/// Which field of a child record links it to its parent when `sf data export tree` nests the
/// child under the parent's relationship name (`"Contacts": {"records": [...]}` inside an Account).
///
/// Salesforce's tree API resolves that from the org's schema; flowrun has the project's metadata
/// and the standard relationships below instead.
enum ChildRelationships {
    /// The lookup field of `child` records nested under `relationship` of a `parent`, or nil.
    static func lookupField(parent: String, relationship: String, child: String, metadata: ObjectMetadata) -> String? {
        let relationshipKey = relationship.lowercased()
        if let definition = metadata.object(named: child) {
            let references = definition.fields.values.filter { $0.type?.isReference == true }.sorted { $0.name < $1.name }
            // A custom relationship is reached from the parent as its relationshipName + "__r".
            let named = references.first { field in
                guard let name = field.relationshipName?.lowercased() else { return false }
                return relationshipKey == name + "__r" || relationshipKey == name
            }
            if let named { return named.name }
            let toParent = references.filter { field in
                field.referenceTo.contains { $0.caseInsensitiveCompare(parent) == .orderedSame }
            }
            if toParent.count == 1, let only = toParent.first { return only.name }
        }
        if let known = standard[parent.lowercased() + "." + relationshipKey] { return known }
        if let generic = generic[relationshipKey] {
            return generic == "WhatId" && ["contact", "lead"].contains(parent.lowercased()) ? "WhoId" : generic
        }
        // Builder's default for a custom lookup: relationship Foo__r through field Foo__c.
        if relationshipKey.hasSuffix("__r") { return String(relationship.dropLast(3)) + "__c" }
        let isStandard: (String) -> Bool = { !$0.contains("__") }
        if isStandard(parent), isStandard(child) { return parent + "Id" }
        return nil
    }

    /// Standard child relationships: `parent.relationship` (lowercased) → the child's lookup field.
    private static let standard: [String: String] = [
        "account.contacts": "AccountId", "account.opportunities": "AccountId", "account.cases": "AccountId",
        "account.childaccounts": "ParentId", "account.assets": "AccountId", "account.contracts": "AccountId",
        "account.orders": "AccountId", "account.entitlements": "AccountId",
        "account.accountcontactrelations": "AccountId", "contact.cases": "ContactId",
        "contact.opportunitycontactroles": "ContactId", "contact.campaignmembers": "ContactId",
        "contact.directreports": "ReportsToId", "contact.accountcontactrelations": "ContactId",
        "opportunity.opportunitylineitems": "OpportunityId", "opportunity.opportunitycontactroles": "OpportunityId",
        "case.casecomments": "ParentId", "case.cases": "ParentId", "lead.campaignmembers": "LeadId",
        "campaign.campaignmembers": "CampaignId", "campaign.opportunities": "CampaignId", "order.orderitems": "OrderId",
        "user.users": "ManagerId",
    ]

    /// Relationships every object with activities or attachments has.
    private static let generic: [String: String] = [
        "tasks": "WhatId", "events": "WhatId", "notes": "ParentId", "attachments": "ParentId",
    ]
}
