import Foundation

extension RecordFixture {
    /// One record written as a JSON object of fields, in the fixtures' form (typed values as
    /// `{"$date": …}`): a triggering record given with `--record`.
    /// - Throws: `RecordFixtureError` naming `source` and the field that is wrong.
    public static func record(fromJSON data: Data, object: String?, source: String) throws(RecordFixtureError) -> FlowRecord {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw RecordFixtureError(
                source: source, message: "not valid JSON; give one object of field names to values, such as {\"Name\": \"Acme\"}")
        }
        var record = try record(json, object: object ?? "record", place: "the record", source: source)
        record.objectType = object
        return record
    }
}
