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
        return fields.keys.first { Self.sameIgnoringCase($0, field) }
    }

    /// `a.lowercased() == b.lowercased()`, without building either string when both are ASCII
    /// (field names almost always are): a miss compares the name with every key.
    static func sameIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        let fast = a.withUTF8 { x in
            b.withUTF8 { y -> Bool? in
                guard x.count == y.count else { return x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } ? false : nil }
                for (p, q) in zip(x, y) {
                    if p >= 0x80 || q >= 0x80 { return nil }
                    if p != q, p | 0x20 != q | 0x20 || !(0x61...0x7A).contains(p | 0x20) { return false }
                }
                return true
            }
        }
        return fast ?? (a.lowercased() == b.lowercased())
    }
}
