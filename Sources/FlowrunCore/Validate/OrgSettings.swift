import Foundation

/// What a flow reads from the org around it: `$Label`, `$Setup`, `$Organization`, `$Profile`,
/// `$Permission`, `$UserRole`. Read from a JSON settings file (`flowrun-settings.json` beside the
/// flows, or `--settings FILE`):
///
/// ```json
/// { "labels": { "AIM_Flow_Error_Header": "Something went wrong" },
///   "organization": { "Id": "00D000000000001AAA", "Name": "Acme" },
///   "profile": { "Name": "System Administrator" },
///   "userRole": { "Name": "CEO" },
///   "permissions": { "Approve_Discounts": true },
///   "setup": { "Discount_Settings__c": { "Maximum__c": 20 } } }
/// ```
///
/// Every section is optional. Typed values use the record fixtures' form (`{"$date": "2024-05-01"}`).
public struct OrgSettings: Sendable, Hashable {
    public var labels: [String: String] = [:]
    public var organization: FlowRecord?
    public var profile: FlowRecord?
    public var userRole: FlowRecord?
    public var permissions: [String: Bool] = [:]
    /// Hierarchy custom settings by API name, each a record of its fields.
    public var setup: [String: FlowRecord] = [:]
    /// False when no settings file was given: `$Label` and the rest then cannot be checked.
    public var isKnown = false

    public init() {}

    /// The file name looked for beside the flows when `--settings` is not given.
    public static let defaultFileName = "flowrun-settings.json"

    /// Reads a settings file.
    /// - Throws: `RecordFixtureError` naming the file and the part that is wrong.
    public static func load(contentsOf url: URL) throws(RecordFixtureError) -> OrgSettings {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RecordFixtureError(source: url.path, message: "cannot read the file (\(error.localizedDescription)); check the path")
        }
        return try OrgSettings(data: data, source: url.path)
    }

    public init(data: Data, source: String = "settings") throws(RecordFixtureError) {
        guard case .object(let top)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw RecordFixtureError(
                source: source, message: "must be a JSON object such as {\"labels\": {\"Greeting\": \"Hello\"}}")
        }
        isKnown = true
        for (key, value) in top {
            func fail(_ what: String) -> RecordFixtureError {
                RecordFixtureError(source: source, message: "\"\(key)\" must be \(what)")
            }
            switch key {
            case "labels":
                guard case .object(let members) = value else { throw fail("an object of label names to text") }
                for (name, text) in members {
                    guard case .string(let label) = text else { throw fail("an object of label names to text (\"\(name)\" is not text)") }
                    labels[name] = label
                }
            case "permissions":
                guard case .object(let members) = value else { throw fail("an object of permission names to true/false") }
                for (name, flag) in members {
                    guard case .bool(let granted) = flag else {
                        throw fail("an object of permission names to true/false (\"\(name)\" is not)")
                    }
                    permissions[name] = granted
                }
            case "organization", "profile", "userRole":
                let object = ["organization": "Organization", "profile": "Profile", "userRole": "UserRole"][key] ?? key
                let record = try RecordFixture.record(value, object: object, place: "\"\(key)\"", source: source)
                if let problem = FlowTimeZone.problem(in: record) {
                    throw RecordFixtureError(source: source, message: "\"\(key)\": \(problem)")
                }
                switch key {
                case "organization": organization = record
                case "profile": profile = record
                default: userRole = record
                }
            case "setup":
                guard case .object(let members) = value else { throw fail("an object of custom setting names to field values") }
                for (name, fields) in members {
                    setup[name] = try RecordFixture.record(fields, object: name, place: "\"setup\".\"\(name)\"", source: source)
                }
            default:
                throw RecordFixtureError(
                    source: source,
                    message: "unknown section \"\(key)\"; the sections are labels, organization, profile, userRole, permissions, setup")
            }
        }
    }

    /// The whole of `$Label`, `$Organization`, … (`head` lowercased) as a record whose fields the
    /// flow reads; null for a global the settings do not cover.
    func value(of head: String) -> FlowValue {
        switch head {
        case "$label": return .record(FlowRecord(fields: labels.mapValues { .string($0) }))
        case "$permission": return .record(FlowRecord(fields: permissions.mapValues { .boolean($0) }))
        case "$organization": return organization.map { .record($0) } ?? .null
        case "$profile": return profile.map { .record($0) } ?? .null
        case "$userrole": return userRole.map { .record($0) } ?? .null
        case "$setup": return .record(FlowRecord(fields: setup.mapValues { .record($0) }))
        default: return .null
        }
    }

    /// Whether the settings give `head.fields` a value (the first field, which names the label,
    /// permission, organisation field or custom setting).
    func defines(_ head: String, _ fields: [String]) -> Bool {
        guard isKnown, let first = fields.first else { return false }
        guard case .record(let record) = value(of: head) else { return false }
        return record.hasField(first)
    }
}
