import Foundation

extension ObjectMetadata {
    /// Refuses `fields` for a record of `object` as Salesforce refuses a create or update: a value
    /// of the wrong type, a value a restricted picklist does not have, text longer than the field,
    /// a number with more digits than it holds, an Id that is not one or names another object.
    ///
    /// The message starts with Salesforce's status code and names the object, the field and the
    /// kind of value, never the value itself: it ends up in `$Flow.FaultMessage` and in logs, and
    /// the value may be a secret (a code hash, a token). Fields the project does not declare, and
    /// objects it does not describe, pass: without metadata values are taken as they are.
    public func check(object: String, fields: [String: FlowValue]) throws(RecordStoreError) {
        guard let definition = self.object(named: object) else { return }
        // Field order is the dictionary's; sort so the same record always reports the same field.
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let field = definition.field(named: name) else { continue }
            _ = try field.converted(value, object: definition.name)
        }
    }

    /// `check(object:fields:)` for a record that names its object; a record without one passes.
    public func check(_ record: FlowRecord) throws(RecordStoreError) {
        guard let object = record.objectType else { return }
        try check(object: object, fields: record.fields)
    }

    /// The fields converted to the types the project declares (text `2024-05-01` in a Date field
    /// becomes a Date, `02134` in a Text field stays text), then checked as `check` checks them.
    /// Fields it does not declare are returned as they are.
    public func conformed(object: String, fields: [String: FlowValue]) throws(RecordStoreError) -> [String: FlowValue] {
        guard let definition = self.object(named: object) else { return fields }
        var result: [String: FlowValue] = [:]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let field = definition.field(named: name) else {
                result[name] = value
                continue
            }
            // The API name's spelling, so `NAME` from a Data Loader header is stored as `Name`.
            result[field.name] = try field.converted(value, object: definition.name)
        }
        return result
    }
}

extension FieldDefinition {
    /// `value` as this field stores it, or the error Salesforce gives for it.
    func converted(_ value: FlowValue, object: String) throws(RecordStoreError) -> FlowValue {
        guard !value.isNull, let type, formula == nil, let valueType = type.valueType else { return value }
        let converted: FlowValue
        do {
            converted = try value.coerced(to: valueType)
        } catch {
            throw refusal(
                "INVALID_TYPE_ON_FIELD_IN_RECORD", object,
                "value not of required type \(type): got a \(value.kindName) value, not \(Self.expectation(of: valueType))")
        }
        switch converted {
        case .string(let text):
            try checkText(text, object: object)
        case .number(let number):
            try checkDigits(number, object: object)
        default:
            break
        }
        return converted
    }

    private func checkText(_ text: String, object: String) throws(RecordStoreError) {
        guard let type else { return }
        // Salesforce counts UTF-16 code units (Java's String.length), so an emoji counts twice.
        let count = text.utf16.count
        if type.isReference {
            try checkID(text, object: object)
            return
        }
        if let picklist, picklist.isRestricted, !picklist.values.isEmpty {
            let chosen = type == .multiselectPicklist ? text.split(separator: ";").map(String.init) : [text]
            if chosen.contains(where: { !picklist.contains($0) }) {
                let listed =
                    picklist.values.count <= 12
                    ? "one of " + picklist.values.joined(separator: ", ") : "one of its \(picklist.values.count) values"
                throw refusal(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", object,
                    "bad value for restricted picklist field: a Text value that is not \(listed)")
            }
        }
        let maximum = type == .multiselectPicklist ? nil : (length ?? type.defaultMaximumLength)
        if let maximum, count > maximum {
            throw refusal(
                "STRING_TOO_LONG", object, "data value too large: \(count) characters (max length=\(maximum))")
        }
    }

    /// A number has at most `precision - scale` digits before the point; more digits after it are
    /// rounded by Salesforce, not refused.
    private func checkDigits(_ number: Decimal, object: String) throws(RecordStoreError) {
        guard let precision else { return }
        let allowed = precision - (scale ?? 0)
        let whole = number.magnitude.rounded(toPlaces: 0, .down).plainText
        let digits = whole == "0" ? 0 : whole.count
        if digits > allowed {
            throw refusal(
                "NUMBER_OUTSIDE_VALID_RANGE", object,
                "value outside of valid range on numeric field: \(digits) digits before the decimal point (at most \(allowed))")
        }
    }

    /// A lookup holds a 15- or 18-character Id; one whose key prefix is a standard object's other
    /// than the ones the field refers to is refused, as Salesforce refuses it.
    private func checkID(_ text: String, object: String) throws(RecordStoreError) {
        let isID =
            (text.count == 15 || text.count == 18)
            && text.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
        guard isID else {
            throw refusal("MALFORMED_ID", object, "id value of incorrect type: a Text value that is not a 15- or 18-character Id")
        }
        guard !referenceTo.isEmpty, let target = RecordID.standardObject(forPrefix: String(text.prefix(3))) else { return }
        if !referenceTo.contains(where: { $0.caseInsensitiveCompare(target) == .orderedSame }) {
            throw refusal(
                "FIELD_INTEGRITY_EXCEPTION", object,
                "id value of incorrect type: an Id of \(target), but the field refers to \(referenceTo.joined(separator: ", "))")
        }
    }

    private func refusal(_ code: String, _ object: String, _ message: String) -> RecordStoreError {
        RecordStoreError(.invalidValue, "\(code): \(object).\(name): \(message)")
    }

    private static func expectation(of type: FlowDataType) -> String {
        switch type {
        case .number, .currency: "a number"
        case .boolean: "true or false"
        case .date: "a date like 2024-05-01"
        case .dateTime: "a date-time like 2024-05-01T09:30:00.000Z"
        case .time: "a time like 09:30:00.000Z"
        default: "text"
        }
    }
}

extension Decimal {
    /// The value rounded to `places` digits after the point.
    func rounded(toPlaces places: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, mode)
        return result
    }
}
