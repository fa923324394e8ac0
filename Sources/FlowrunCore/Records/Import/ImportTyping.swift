/// How imported values get their types: the type the project's metadata declares for the field,
/// or else the one `FieldValueInference` reads from the value's form; then the same check as a
/// flow's record writes (`ObjectMetadata.check`), so data Salesforce would refuse is refused here.
public struct ImportTyping: Sendable {
    public var metadata: ObjectMetadata

    public init(metadata: ObjectMetadata = ObjectMetadata()) {
        self.metadata = metadata
    }

    /// Where a raw value came from, which decides how an undeclared field's value is typed.
    public enum Source: Sendable {
        /// A CSV cell: text whose form says its type.
        case csvCell
        /// A value of a data file's JSON: only its text is read for dates.
        case json
        /// A record fixture's value, typed by the fixture's own rules.
        case fixture
    }

    /// The typed fields of one record of `object`, renamed to the metadata's spelling of the field.
    /// - Throws: `RecordImportError` at `origin`, naming the field Salesforce would refuse.
    public func typed(
        _ fields: [(name: String, value: FlowValue)], object: String, source: Source, origin: ImportOrigin
    ) throws(RecordImportError) -> FlowRecord {
        var record = FlowRecord(objectType: object)
        let definition = metadata.object(named: object)
        for (name, raw) in fields {
            if let other = record.storedName(of: name) {
                throw RecordImportError(
                    origin, field: name, message: "the record also has \(other); field names ignore case, keep one")
            }
            // Ids are taken as written: an Id never becomes a number or a date.
            if name.lowercased() == "id" {
                record[name] = raw
                continue
            }
            if let field = definition?.field(named: name), field.type?.valueType != nil {
                do {
                    record[field.name] = try field.converted(raw, object: definition?.name ?? object)
                } catch {
                    throw RecordImportError(origin, field: field.name, message: error.message)
                }
                continue
            }
            record[name] = Self.inferred(raw, source: source)
        }
        return record
    }

    private static func inferred(_ value: FlowValue, source: Source) -> FlowValue {
        guard case .string(let text) = value else { return value }
        switch source {
        case .csvCell: return FieldValueInference.value(ofCell: text)
        case .json: return FieldValueInference.value(ofText: text)
        case .fixture: return value
        }
    }
}
