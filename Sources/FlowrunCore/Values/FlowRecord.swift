/// A Salesforce record (an sObject): its object type and its fields.
///
/// Field names are matched without regard to case, as Salesforce does (`mobilephone` finds
/// `MobilePhone`); the spelling first written is the one kept. The values sit in an array in the
/// order of the record's `RecordLayout`, which records built alike share.
public struct FlowRecord: Sendable {
    public var objectType: String?
    private var layout: RecordLayout
    private var values: [FlowValue]

    private static let emptyLayout = RecordLayout(names: [])

    public init(objectType: String? = nil, fields: [String: FlowValue] = [:]) {
        self.objectType = objectType
        layout = Self.emptyLayout
        values = []
        values.reserveCapacity(fields.count)
        for (name, value) in fields { self[name] = value }
    }

    /// A record of `layout`'s fields with these values, in its order: how a store builds the rows
    /// of one query without working out their names again.
    public init(objectType: String?, layout: RecordLayout, values: [FlowValue]) {
        precondition(layout.count == values.count, "a record needs one value per field of its layout")
        self.objectType = objectType
        self.layout = layout
        self.values = values
    }

    public var id: String? { self["Id"].stringValue }

    /// The fields by name as stored. Built on each call: code that runs often reads by name or
    /// walks `namedFields`.
    public var fields: [String: FlowValue] {
        Dictionary(uniqueKeysWithValues: zip(layout.names, values))
    }

    /// The fields in the order they were first set.
    public var namedFields: Zip2Sequence<[String], [FlowValue]> { zip(layout.names, values) }

    public var fieldCount: Int { values.count }

    /// The field's value, or `.null` when the record has no such field.
    public subscript(field: String) -> FlowValue {
        get { layout.position(of: field).map { values[$0] } ?? .null }
        set {
            if let position = layout.position(of: field) {
                values[position] = newValue
                return
            }
            if !isKnownUniquelyReferenced(&layout) { layout = layout.copy() }
            layout.append(field)
            values.append(newValue)
        }
    }

    /// The field's value, found by its key: nil when the record has no such field.
    @inline(__always)
    func value(for key: FieldKey, named name: String) -> FlowValue? {
        layout.position(of: key, named: name).map { values[$0] }
    }

    /// The value of the field spelled exactly `name`, nil when there is none.
    public func value(spelled name: String) -> FlowValue? {
        layout.position(spelled: name).map { values[$0] }
    }

    public func hasField(_ field: String) -> Bool { layout.position(of: field) != nil }

    /// The spelling under which `field` is stored, if it is.
    public func storedName(of field: String) -> String? {
        layout.position(of: field).map { layout.names[$0] }
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

/// Two records are equal when they have the same object type and the same fields under the same
/// spellings with equal values, in whatever order the fields were set (as when they were a
/// dictionary).
extension FlowRecord: Hashable {
    public static func == (lhs: FlowRecord, rhs: FlowRecord) -> Bool {
        guard lhs.objectType == rhs.objectType, lhs.values.count == rhs.values.count else { return false }
        if lhs.layout === rhs.layout { return lhs.values == rhs.values }
        for (name, value) in lhs.namedFields {
            guard let other = rhs.value(spelled: name), other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(objectType)
        hasher.combine(values.count)
        // Order-free, as a dictionary's hash: the fields' hashes combined by XOR.
        var fields = 0
        for (name, value) in namedFields {
            var field = Hasher()
            field.combine(name)
            field.combine(value)
            fields ^= field.finalize()
        }
        hasher.combine(fields)
    }
}
