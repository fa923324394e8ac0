/// A Salesforce record (an sObject): its object type and its fields.
///
/// Field names are matched without regard to case, as Salesforce does (`mobilephone` finds
/// `MobilePhone`); the spelling first written is the one kept.
public struct FlowRecord: Sendable, Hashable {
    public var objectType: String?
    public private(set) var fields: [String: FlowValue]

    public init(objectType: String? = nil, fields: [String: FlowValue] = [:]) {
        self.objectType = objectType
        self.fields = [:]
        for (name, value) in fields { self[name] = value }
    }

    public var id: String? { self["Id"].stringValue }

    /// The field's value, or `.null` when the record has no such field.
    public subscript(field: String) -> FlowValue {
        get {
            if let value = fields[field] { return value }
            return storedName(of: field).flatMap { fields[$0] } ?? .null
        }
        set {
            fields[storedName(of: field) ?? field] = newValue
        }
    }

    public func hasField(_ field: String) -> Bool { storedName(of: field) != nil }

    /// The spelling under which `field` is stored, if it is.
    public func storedName(of field: String) -> String? {
        if fields[field] != nil { return field }
        let lowered = field.lowercased()
        return fields.keys.first { $0.lowercased() == lowered }
    }
}
