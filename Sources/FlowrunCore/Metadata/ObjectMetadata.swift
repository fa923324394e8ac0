/// What an SFDX project says about its objects and their fields (`objects/<Object>/fields/*.field-meta.xml`).
///
/// flowrun has no org to describe, so this is all it knows of the schema: enough to warn when a
/// flow names a field the object does not have, to refuse a value Salesforce would refuse, and to
/// type imported data. An object the project says nothing about is not checked at all.
public struct ObjectMetadata: Sendable, Hashable {
    /// The objects, by lowercased API name.
    public internal(set) var objects: [String: ObjectDefinition] = [:]
    /// Files that could not be read, as warnings located in them.
    public var problems: [Diagnostic] = []
    /// The project folder it was read from, if any.
    public var projectRoot: String?

    public init(objects: [ObjectDefinition] = []) {
        for object in objects { add(object) }
    }

    public var isEmpty: Bool { objects.isEmpty }

    /// The object named `name` (any case), if the project describes it.
    public func object(named name: String) -> ObjectDefinition? { objects[name.lowercased()] }

    /// Adds `object`, or merges its fields into the one already there (a field file and an
    /// object file can describe the same object).
    public mutating func add(_ object: ObjectDefinition) {
        let key = object.name.lowercased()
        guard var existing = objects[key] else {
            objects[key] = object
            return
        }
        for field in object.fields.values { existing.add(field) }
        existing.label = existing.label ?? object.label
        existing.hasObjectFile = existing.hasObjectFile || object.hasObjectFile
        objects[key] = existing
    }
}

/// One object: its fields as the project declares them.
public struct ObjectDefinition: Sendable, Hashable {
    /// The API name as the folder spells it (`Property__c`, `Account`).
    public var name: String
    public var label: String?
    /// Whether `<Object>.object-meta.xml` (or `<Object>.object`) was read, not just field files.
    public var hasObjectFile = false
    /// The fields, by lowercased API name.
    public private(set) var fields: [String: FieldDefinition] = [:]

    public init(name: String, label: String? = nil, fields: [FieldDefinition] = []) {
        self.name = name
        self.label = label
        for field in fields { add(field) }
    }

    public mutating func add(_ field: FieldDefinition) { fields[field.name.lowercased()] = field }

    /// Custom objects (`__c`), custom metadata (`__mdt`), platform events (`__e`), big and external
    /// objects: the project declares every field they have besides the system ones.
    public var isCustom: Bool {
        let lowered = name.lowercased()
        return ["__c", "__mdt", "__e", "__b", "__x"].contains { lowered.hasSuffix($0) }
    }

    /// The field named `name` (any case), if declared.
    public func field(named name: String) -> FieldDefinition? { fields[name.lowercased()] }

    /// Whether a flow may name `field` on this object, as far as the project can tell: nil when it
    /// cannot tell. A standard object's source holds only the standard fields someone customised,
    /// so only its custom fields (`__c`) can be judged; a custom object's source is complete
    /// except for the fields every record has (`Id`, `OwnerId`, `CreatedDate`, …). A field with a
    /// namespace prefix (`ns__Score__c`) may come from an installed package, which source never holds.
    public func declares(_ field: String) -> Bool? {
        let lowered = field.lowercased()
        if fields[lowered] != nil { return true }
        if let base = Self.compoundBase(of: lowered), fields[base] != nil { return true }
        if lowered.components(separatedBy: "__").count > 2 { return nil }
        if isCustom { return Self.systemFields.contains(lowered) }
        return lowered.hasSuffix("__c") ? false : nil
    }

    /// `location__c` for `location__latitude__s`: the compound field a component belongs to.
    static func compoundBase(of lowered: String) -> String? {
        guard lowered.hasSuffix("__s") else { return nil }
        let body = lowered.dropLast(3)
        guard let separator = body.range(of: "__", options: .backwards) else { return nil }
        return body[..<separator.lowerBound] + "__c"
    }

    /// Fields the platform gives every custom object, metadata type or event, which source never lists.
    static let systemFields: Set<String> = [
        "id", "name", "ownerid", "createdbyid", "createddate", "lastmodifiedbyid", "lastmodifieddate",
        "systemmodstamp", "isdeleted", "recordtypeid", "currencyisocode", "lastactivitydate", "lastvieweddate",
        "lastreferenceddate", "connectionreceivedid", "connectionsentid", "developername", "masterlabel", "label",
        "language", "namespaceprefix", "qualifiedapiname", "replayid", "eventuuid",
    ]
}

/// One field, as its `.field-meta.xml` declares it.
public struct FieldDefinition: Sendable, Hashable {
    /// The API name (`Status__c`).
    public var name: String
    public var label: String?
    /// nil when the file gives no `<type>` (a customised standard field often does not).
    public var type: FieldType?
    /// Most characters, for text types.
    public var length: Int?
    /// Total digits and digits after the point, for numbers.
    public var precision: Int?
    public var scale: Int?
    public var isRequired = false
    public var isUnique = false
    public var isExternalId = false
    /// The default as written: a formula (`TODAY() - 10`, `"Open"`, `false`).
    public var defaultValue: String?
    /// A formula field's formula; such a field is computed, not stored.
    public var formula: String?
    public var picklist: PicklistValues?
    /// The objects a lookup or master-detail field refers to.
    public var referenceTo: [String] = []
    /// The relationship's name (`Properties`: the parent reaches its children as `Properties__r`).
    public var relationshipName: String?
    /// The file it was read from.
    public var file: String?

    public init(name: String, type: FieldType?) {
        self.name = name
        self.type = type
    }
}

/// The values of a picklist field (`valueSet.valueSetDefinition.value[].fullName`).
public struct PicklistValues: Sendable, Hashable {
    /// The API names of the values, in order; empty when they live elsewhere and were not found.
    public var values: [String]
    /// A restricted picklist refuses any other value.
    public var isRestricted: Bool
    /// The global value set the field uses (`<valueSetName>`), if any.
    public var globalValueSet: String?

    public init(values: [String], isRestricted: Bool, globalValueSet: String? = nil) {
        self.values = values
        self.isRestricted = isRestricted
        self.globalValueSet = globalValueSet
    }

    /// Whether `value` is one of the values; API names match exactly, as Salesforce compares them.
    public func contains(_ value: String) -> Bool { values.contains(value) }
}
