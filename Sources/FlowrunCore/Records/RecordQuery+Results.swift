import Foundation

extension RecordSort {
    /// How two records order under this sort, as SOQL's `ORDER BY`: null first when ascending and
    /// last when descending, text ignoring case, values of different kinds grouped by kind
    /// (`FilterKey.rank`). Equal records return `.orderedSame`; stores then keep insertion order.
    public func order(_ lhs: FlowRecord, _ rhs: FlowRecord) -> ComparisonResult {
        let result = FilterKey.sortOrder(FilterKey(lhs[field]), FilterKey(rhs[field]))
        guard !ascending else { return result }
        switch result {
        case .orderedAscending: return .orderedDescending
        case .orderedDescending: return .orderedAscending
        case .orderedSame: return .orderedSame
        }
    }
}

extension FlowRecord {
    /// The record cut down to `Id` and `fields` (all fields when nil), as a query with a field list
    /// returns it. A field the record lacks comes back null, under the spelling asked for.
    public func projected(onto fields: [String]?) -> FlowRecord {
        guard let fields else { return self }
        if isAlready(projectedOnto: fields) { return self }
        var kept: [String: FlowValue] = [:]
        if let idName = storedName(of: "Id") { kept[idName] = self[idName] }
        for field in fields where field.lowercased() != "id" {
            kept[storedName(of: field) ?? field] = self[field]
        }
        return FlowRecord(objectType: objectType, fields: kept)
    }

    /// True when projecting would give this record back: it has every field asked for and no
    /// other but Id, as the rows of a store that selected just those columns do (the usual case,
    /// checked so that such a row is not rebuilt). Checked for short field lists only, as it
    /// compares names pairwise.
    private func isAlready(projectedOnto fields: [String]) -> Bool {
        guard fields.count <= 16, fieldCount <= fields.count + 1, fields.allSatisfy({ hasField($0) }) else { return false }
        return namedFields.allSatisfy { name, _ in
            Self.sameIgnoringCase(name, "Id") || fields.contains { Self.sameIgnoringCase($0, name) }
        }
    }
}

extension RecordStoreError {
    /// Throws for a field name no store can keep: an empty one.
    public static func checkFieldName(_ name: String, object: String) throws(RecordStoreError) {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RecordStoreError(.invalidField, "a \(object) record cannot have a field with an empty name")
        }
    }

    /// The error for creating a record whose Id is already taken.
    public static func duplicateID(object: String, id: String) -> RecordStoreError {
        RecordStoreError(.invalidValue, "cannot create \(object) record \(id): a record with that Id already exists")
    }
}

extension FlowRecord {
    /// The Id a record to be created already carries: nil when it has none (null or empty text).
    /// - Throws: `RecordStoreError.invalidValue` when its Id is not text.
    public func carriedID() throws(RecordStoreError) -> String? {
        switch self["Id"] {
        case .null: return nil
        case .string(let id): return id.isEmpty ? nil : id
        case let other:
            throw RecordStoreError(.invalidValue, "a record's Id must be text, got a \(other.kindName)")
        }
    }

    /// The fields other than Id, which stores keep apart from the rest.
    public var fieldsWithoutID: [String: FlowValue] {
        fields.filter { $0.key.lowercased() != "id" }
    }
}
