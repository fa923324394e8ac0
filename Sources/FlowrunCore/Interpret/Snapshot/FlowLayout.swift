/// What the names of a flow mean to a stored interview, and a fingerprint of them all.
///
/// A stored interview holds values by resource name and places by element name; a later version
/// of the flow can take it back when every name it holds still means the same thing: a resource
/// of the same storage kind, data type, collection-ness and object, an element of the same kind.
extension ValidatedFlow {
    /// SHA-256 of every resource's name and meaning and every element's name and kind, in order:
    /// equal fingerprints mean the interview's names (and the runtime's slots) line up one to one.
    /// Worked out once, with the validated flow (`layoutFingerprint`): a server stores an interview
    /// on every answer, and hashing the layout each time was 2% of a request.
    static func layoutFingerprint(resources: [Resource], elements: [CompiledElement]) -> String {
        var text = "flowrun-layout/1\n"
        for resource in resources { text += "resource\t\(resource.name)\t\(ResourceMeaning(resource).signature)\n" }
        for element in elements { text += "element\t\(element.name)\t\(element.kindName)\n" }
        return SHA256.hex(Array(text.utf8))
    }

    /// Element indices by lowercased name (element names are unique regardless of case).
    var elementIndicesByName: [String: Int] {
        var indices: [String: Int] = [:]
        for (index, element) in elements.enumerated() { indices[element.name.lowercased()] = index }
        return indices
    }
}

/// What a resource that holds a value is: two versions of a flow mean the same by a name when
/// these are equal.
struct ResourceMeaning: Sendable, Hashable, Codable {
    /// `variable`, `screenField`, `elementOutput` or `triggerRecord`; `formula`, `constant`,
    /// `textTemplate` or `choice` for resources computed on each read, which hold nothing.
    var kind: String
    var type: String?
    var isCollection: Bool
    var object: String?

    init(kind: String, type: String?, isCollection: Bool, object: String?) {
        self.kind = kind
        self.type = type
        self.isCollection = isCollection
        self.object = object
    }

    init(_ resource: Resource) {
        let kind: String
        switch resource.kind {
        case .variable: kind = "variable"
        case .constant: kind = "constant"
        case .formula: kind = "formula"
        case .textTemplate: kind = "textTemplate"
        case .screenField: kind = "screenField"
        case .choice: kind = "choice"
        case .elementOutput: kind = "elementOutput"
        case .triggerRecord: kind = "triggerRecord"
        case .pending: kind = "pending"
        }
        self.init(
            kind: kind, type: resource.type.dataType?.rawValue, isCollection: resource.type.isCollection,
            object: resource.type.objectType)
    }

    /// True for the kinds an interview stores a value for.
    var holdsValue: Bool { ["variable", "screenField", "elementOutput", "triggerRecord"].contains(kind) }

    var signature: String { "\(kind)\t\(type ?? "-")\t\(isCollection ? "collection" : "single")\t\(object ?? "-")" }

    /// Object names are case-insensitive in Salesforce.
    func isSame(as other: ResourceMeaning) -> Bool {
        kind == other.kind && type == other.type && isCollection == other.isCollection
            && object?.lowercased() == other.object?.lowercased()
    }

    /// "a Number", "a collection of Account records", for the message when they differ.
    var described: String {
        let what = object.map { "\($0) record" } ?? type ?? "value"
        let noun = kind == "variable" ? "" : " (\(kind))"
        return (isCollection ? "a collection of \(what)s" : "a \(what)") + noun
    }
}
