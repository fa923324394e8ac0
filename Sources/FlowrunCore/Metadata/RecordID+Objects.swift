extension RecordID {
    /// The standard objects whose key prefix every org shares, spelled as their API names.
    private static let standardObjects = [
        "Account", "Contact", "User", "Opportunity", "Case", "Lead", "Task", "Event", "Profile", "Group", "Campaign",
        "Contract", "Order", "Product2", "Pricebook2", "FeedItem", "EmailMessage", "ContentDocument", "Asset",
    ]

    private static let objectsByPrefix: [String: String] = Dictionary(
        standardObjects.map { (prefix(for: $0), $0) }, uniquingKeysWith: { first, _ in first })

    /// The standard object whose records' Ids start with `prefix` (`003` → `Contact`), or nil for
    /// any other prefix: a custom object's prefix differs from org to org, so it names nothing.
    public static func standardObject(forPrefix prefix: String) -> String? { objectsByPrefix[prefix] }
}
