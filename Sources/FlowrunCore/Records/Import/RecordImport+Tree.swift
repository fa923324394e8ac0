import Foundation

extension RecordImport {
    /// The records of an sObject tree file, as `sf data export tree` writes it:
    ///
    /// ```json
    /// {"records": [{"attributes": {"type": "Account", "referenceId": "AccountRef1"}, "Name": "Acme",
    ///               "Contacts": {"records": [{"attributes": {"type": "Contact", "referenceId": "ContactRef1"},
    ///                                         "LastName": "Lee"}]}}]}
    /// ```
    ///
    /// A record nested under a relationship name is a child of the record around it: its lookup
    /// to the parent is set when both are written (`ChildRelationships` says which field). A text
    /// value `@AccountRef1` names the record whose referenceId is `AccountRef1`.
    /// - Parameter object: the object a plan says the file's records are; a record of another is an error.
    /// - Throws: `RecordImportError` naming the file, the record and the field.
    public static func treeRecords(
        _ data: Data, file: String, object: String? = nil, typing: ImportTyping
    ) throws(RecordImportError) -> [ImportRecord] {
        let top: JSONValue
        do {
            top = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RecordImportError(
                file: file, message: "not valid JSON\(RecordFixture.syntaxErrorPlace(in: data)); fix the syntax there")
        }
        guard case .object(let members) = top, case .array(let items)? = members["records"] else {
            throw RecordImportError(
                file: file,
                message: "not sObject tree JSON: expected {\"records\": [{\"attributes\": {\"type\": \"Account\", …}, …}]}")
        }
        var reader = TreeReader(file: file, typing: typing)
        try reader.read(items, parent: nil, place: "", object: object)
        return reader.records
    }
}

/// Walks the records of a tree file, children after their parent.
private struct TreeReader {
    let file: String
    let typing: ImportTyping
    var records: [ImportRecord] = []
    /// Names made up for parents without a referenceId; they cannot clash with a JSON name.
    var madeUpKeys = 0

    init(file: String, typing: ImportTyping) {
        self.file = file
        self.typing = typing
    }

    /// - Parameters:
    ///   - parent: the record these are nested under, and the lookup field that names it.
    ///   - place: where the list is (`record 1 (AccountRef1), Contacts `), for errors.
    ///   - object: the object the records must be (a plan's `sobject`, or the child type).
    mutating func read(
        _ items: [JSONValue], parent: (key: String, field: String)?, place: String, object: String?
    ) throws(RecordImportError) {
        for (index, item) in items.enumerated() {
            var origin = ImportOrigin(file: file, place: "\(place)record \(index + 1)")
            guard case .object(let members) = item else {
                throw RecordImportError(origin, message: "must be a JSON object of field names to values")
            }
            var type: String?
            var referenceID: String?
            if case .object(let attributes)? = members["attributes"] {
                if case .string(let text)? = attributes["type"] { type = text }
                if case .string(let text)? = attributes["referenceId"] { referenceID = text }
            }
            if let referenceID { origin.place += " (\(referenceID))" }
            guard let recordType = type ?? object else {
                throw RecordImportError(
                    origin, message: "has no \"attributes\": {\"type\": …}; say which object it is, such as {\"type\": \"Account\"}")
            }
            guard RecordFixture.isObjectName(recordType) else {
                throw RecordImportError(origin, message: "\"\(recordType)\" is not an object name; use an API name such as Account")
            }
            if let object, recordType.caseInsensitiveCompare(object) != .orderedSame {
                throw RecordImportError(origin, message: "is a \(recordType) record, but this file holds \(object) records")
            }

            var raw: [(name: String, value: FlowValue)] = []
            var references: [String: ImportReference] = [:]
            var children: [(relationship: String, items: [JSONValue])] = []
            for name in members.keys.sorted() where name != "attributes" {
                guard let value = members[name] else { continue }
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw RecordImportError(origin, message: "has a field with an empty name; name it")
                }
                switch value {
                case .object(let nested):
                    guard case .array(let childItems)? = nested["records"] else {
                        throw RecordImportError(
                            origin, field: name,
                            message:
                                "a parent record written inside the record cannot be imported; give the lookup field's Id or an @reference instead"
                        )
                    }
                    children.append((name, childItems))
                case .array:
                    throw RecordImportError(origin, field: name, message: "arrays are not field values")
                case .string(let text) where text.count > 1 && text.hasPrefix("@"):
                    references[name] = ImportReference(key: String(text.dropFirst()), text: text)
                default:
                    raw.append((name, FlowValue(json: value)))
                }
            }
            var record = ImportRecord(
                record: try typing.typed(raw, object: recordType, source: .json, origin: origin), key: referenceID,
                origin: origin)
            record.references = references
            if let parent, !record.record.hasField(parent.field),
                !references.keys.contains(where: { $0.caseInsensitiveCompare(parent.field) == .orderedSame })
            {
                record.references[parent.field] = ImportReference(key: parent.key)
            }
            if !children.isEmpty, record.key == nil {
                madeUpKeys += 1
                record.key = "\u{1}\(file)#\(madeUpKeys)"
            }
            records.append(record)

            for (relationship, childItems) in children {
                guard let key = record.key, let first = childItems.first else { continue }
                var childType: String?
                if case .object(let childMembers) = first, case .object(let attributes)? = childMembers["attributes"],
                    case .string(let text)? = attributes["type"]
                {
                    childType = text
                }
                guard let childType else {
                    throw RecordImportError(
                        origin, field: relationship, message: "the nested records have no \"attributes\": {\"type\": …}")
                }
                guard
                    let field = ChildRelationships.lookupField(
                        parent: recordType, relationship: relationship, child: childType, metadata: typing.metadata)
                else {
                    throw RecordImportError(
                        origin, field: relationship,
                        message: "cannot tell which \(childType) field refers to its \(recordType) through '\(relationship)'; "
                            + "add the field's metadata to the project, or write the children in their own file with an @reference")
                }
                try read(childItems, parent: (key, field), place: "\(origin.place), \(relationship) ", object: childType)
            }
        }
    }
}
