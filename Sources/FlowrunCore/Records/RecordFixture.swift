import Foundation

/// Records written as JSON, loaded into a `RecordStore` before a flow runs (demo data, tests).
///
/// The top-level object's keys are object names; each holds an array of records, and each record
/// is an object of field name → value:
///
/// ```json
/// { "User": [ { "Id": "005000000000001AAA", "Name": "Ada Lovelace", "MobilePhone": "+15555550100" } ],
///   "Account": [ { "Name": "Acme", "AnnualRevenue": 1250000.50, "IsPartner": true, "Fax": null } ] }
/// ```
///
/// - Values are JSON text, numbers (kept exactly: `0.1` stays `0.1`), `true`/`false` and `null`.
/// - JSON has no dates, so ISO dates written as text **stay text**. Write a typed value as an
///   object with one key: `{"$date": "2024-05-01"}`, `{"$dateTime": "2024-05-01T09:30:00Z"}`
///   (a zone offset such as `+02:00` is allowed; none means UTC) or `{"$time": "09:30:00"}`.
///   Filters still compare such text with dates when the flow passes text (see `RecordFilter`).
/// - `Id` is optional; a record without one gets a new Id when loaded. Ids must be unique.
/// - Objects load in alphabetical order of their names (JSON objects have no order), each
///   object's records in the order written, so generated Ids are the same on every load.
public struct RecordFixture: Sendable, Hashable {
    /// The records, each with its `objectType` set.
    public var records: [FlowRecord]
    /// The file the fixture came from, named in error messages.
    public var source: String

    /// A fixture of `records` (each needs its `objectType`).
    public init(records: [FlowRecord], source: String = "fixture") {
        self.records = records
        self.source = source
    }

    /// Reads a fixture file.
    /// - Throws: `RecordFixtureError` naming the file, and where in it, when it cannot be read or is malformed.
    public static func load(contentsOf url: URL) throws(RecordFixtureError) -> RecordFixture {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RecordFixtureError(
                source: url.path, message: "cannot read the file (\(error.localizedDescription)); check the path")
        }
        return try RecordFixture(data: data, source: url.path)
    }

    /// Parses fixture JSON; `source` names it in error messages.
    /// - Throws: `RecordFixtureError` saying which object, record and field is wrong.
    public init(data: Data, source: String = "fixture") throws(RecordFixtureError) {
        let top: JSONValue
        do {
            top = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RecordFixtureError(
                source: source, message: "not valid JSON\(Self.syntaxErrorPlace(in: data)); fix the syntax there")
        }
        guard case .object(let objects) = top else {
            throw RecordFixtureError(
                source: source,
                message: "the top level must be a JSON object of object names to record arrays, "
                    + "such as {\"Account\": [{\"Name\": \"Acme\"}]}")
        }
        var records: [FlowRecord] = []
        var idOwners: [String: String] = [:]
        for object in objects.keys.sorted() {
            guard Self.isObjectName(object) else {
                throw RecordFixtureError(
                    source: source,
                    message: "\"\(object)\" is not an object name; use an API name such as Account or Invoice__c")
            }
            guard case .array(let items)? = objects[object] else {
                throw RecordFixtureError(
                    source: source, message: "the value of \"\(object)\" must be an array of records, [{…}, …]")
            }
            for (index, item) in items.enumerated() {
                let place = "\"\(object)\" record \(index + 1) (index \(index))"
                let record = try Self.record(item, object: object, place: place, source: source)
                if let id = record.id {
                    if let first = idOwners[id] {
                        throw RecordFixtureError(
                            source: source,
                            message: "\(place) repeats Id \(id), already used by \(first); Ids must be unique")
                    }
                    idOwners[id] = place
                }
                records.append(record)
            }
        }
        self.init(records: records, source: source)
    }

    /// Creates every record in `store`, in order.
    /// - Throws: `RecordFixtureError` naming the record the store refused, and why.
    /// Loads every record in one transaction: a fixture that fails part-way leaves nothing.
    public func load(into store: some RecordStore) async throws {
        do {
            _ = try await store.createAll(records)
        } catch let error as RecordBatchError {
            // Said as the file says it: the record's object and its place among that object's records.
            let object = records[error.index].objectType ?? "?"
            let index = records[..<error.index].filter { $0.objectType == records[error.index].objectType }.count
            throw RecordFixtureError(
                source: source,
                message: "\"\(object)\" record \(index + 1) (index \(index)) could not be loaded: \(error.underlying)")
        }
    }

    /// One record of the fixture, checked.
    static func record(_ item: JSONValue, object: String, place: String, source: String)
        throws(RecordFixtureError) -> FlowRecord
    {
        guard case .object(let fields) = item else {
            throw RecordFixtureError(source: source, message: "\(place) must be a JSON object of field names to values")
        }
        var record = FlowRecord(objectType: object)
        for name in fields.keys.sorted() {
            guard let json = fields[name] else { continue }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RecordFixtureError(source: source, message: "\(place) has a field with an empty name; name it")
            }
            if let other = record.storedName(of: name) {
                throw RecordFixtureError(
                    source: source,
                    message: "\(place) has both \"\(other)\" and \"\(name)\"; field names ignore case, keep one")
            }
            let value = try fieldValue(json, field: name, place: place, source: source)
            if name.lowercased() == "id", !value.isNull, value.stringValue == nil {
                throw RecordFixtureError(
                    source: source, message: "\(place): \"\(name)\" must be text, such as \"001000000000001AAA\"")
            }
            record[name] = value
        }
        return record
    }

    /// A field's value: a JSON scalar or a `{"$date": …}`-style typed value.
    private static func fieldValue(_ json: JSONValue, field: String, place: String, source: String)
        throws(RecordFixtureError) -> FlowValue
    {
        func fail(_ message: String) -> RecordFixtureError {
            RecordFixtureError(source: source, message: "\(place), field \"\(field)\": \(message)")
        }
        switch json {
        case .null, .bool, .number, .string: return FlowValue(json: json)
        case .array:
            throw fail("arrays are not field values; use text, a number, true/false, null or {\"$date\": …}")
        case .object(let members):
            guard members.count == 1, let (tag, inner) = members.first, case .string(let text) = inner else {
                throw fail(
                    "an object value must be one of {\"$date\": \"2024-05-01\"}, "
                        + "{\"$dateTime\": \"2024-05-01T09:30:00Z\"} or {\"$time\": \"09:30:00\"}")
            }
            let type: FlowDataType
            switch tag {
            case "$date": type = .date
            case "$dateTime": type = .dateTime
            case "$time": type = .time
            default: throw fail("unknown typed value \"\(tag)\"; use \"$date\", \"$dateTime\" or \"$time\"")
            }
            // A "$dateTime" must carry a time: coercion would take a bare date as midnight, hiding a typo.
            if type == .dateTime, Date(isoText: text) == nil {
                throw fail("\"$dateTime\" must be like 2024-05-01T09:30:00Z, got \"\(text)\"")
            }
            do {
                return try FlowValue.string(text).coerced(to: type)
            } catch {
                throw fail("\"\(tag)\" \(error.description)")
            }
        }
    }

    static func isObjectName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
        }
    }

    /// ` at line L, column C` for the first syntax error, when Foundation tells where it is.
    static func syntaxErrorPlace(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return ""
        } catch {
            // Foundation says "… around character N." (a 0-based byte offset); there is no field for it.
            let text = "\(error)"
            guard let range = text.range(of: "character ") else { return "" }
            let digits = text[range.upperBound...].prefix { $0.isNumber }
            guard let offset = Int(digits) else { return "" }
            var line = 1
            var lineStart = 0
            for (position, byte) in data.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            let column = String(decoding: data.dropFirst(lineStart).prefix(offset - lineStart), as: UTF8.self).count + 1
            return " at line \(line), column \(column)"
        }
    }
}

/// A fixture that cannot be read or loaded: which file, where in it, and what to do.
public struct RecordFixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or the name given to `RecordFixture.init(data:source:)`).
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
