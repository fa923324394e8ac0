import FlowrunCore
import Foundation

/// A flow test file (`NAME.flowtest.json`, kept beside the flow):
///
/// ```json
/// {
///   "flow": "sms2fa.xml",
///   "records": "data/demo-records.json",
///   "tests": [
///     {
///       "name": "a wrong code, then the right one",
///       "inputs": { "LoginFlow_UserId": "005000000000001AAA" },
///       "now": "2024-05-01T09:30:00Z",
///       "seed": 42,
///       "mocks": { "SMSPlugin": [ { "outputs": { "Status": "queued", "VerificationCode": "111111" } },
///                                 { "fault": "the vendor is down" } ] },
///       "screens": [ { "screen": "Enter_Code", "answers": { "Code": "000000" } } ],
///       "expect": {
///         "status": "finished",
///         "outputs": { "Verified": true },
///         "visited": ["Grant_Access"], "notVisited": ["Not_Sent"],
///         "screen": "Enter_Code",
///         "records": [ { "object": "User", "id": "005000000000001AAA", "fields": { "MobilePhone": "+15555550100" } } ]
///       }
///     }
///   ]
/// }
/// ```
/// Paths are relative to the test file. `records` may also be given per test, as a path or an
/// inline fixture object. A mock replaces the registered plug-in of that name (its `describe()`
/// stays, so calls are still checked); its answers are used in order, the last one repeating.
/// `status` is `finished`, `failed` or `screen` (then `screen` names where it waits).
/// `user` (file or test) is the Id of a User record in the records: the flow sees it as `$User`,
/// as with `flowrun run --user`.
///
/// A record-triggered flow is started by a record change instead of inputs: a test gives `record`
/// (`$Record`, the record being saved) and, for an update, `prior` (`$Record__Prior`), each an
/// object of field names to values, as `flowrun run --record/--prior` takes them; `expect` may
/// then check `triggerRecord`, the fields of `$Record` when the flow ends (what a before-save flow
/// saves), and `status` may be `notTriggered` when the entry conditions do not hold. The flow's
/// scheduled paths run after its immediate path; `scheduledPaths` lists the ones that ran, in
/// order, each a name or `{"name", "at", "status"}`.
struct FlowTestFile: Decodable, Sendable {
    var flow: String
    var records: RecordsSource?
    /// The Id of the User record (in the records) that runs the tests: `$User`, as `run --user`.
    var user: String?
    var tests: [FlowTestCase]
}

struct FlowTestCase: Decodable, Sendable {
    var name: String
    var inputs: [String: JSONValue]?
    /// The triggering record change, for record-triggered flows.
    var record: JSONValue?
    var prior: JSONValue?
    var records: RecordsSource?
    /// The running user for this test, overriding the file's `user`.
    var user: String?
    var now: String?
    var seed: UInt64?
    var mocks: [String: [MockAnswer]]?
    var screens: [ScreenAnswer]?
    var expect: Expectations

    struct ScreenAnswer: Decodable, Sendable {
        var screen: String?
        /// The clock's time when this answer is given (so a test can let a code expire).
        var now: String?
        var answers: [String: JSONValue]?
        var action: ScreenAction?
        /// Records another session changes while this screen waits, before the answer is given:
        /// what a second tab or login does meanwhile, so a test can show the flow reads it.
        var meanwhile: [RecordChange]?
    }

    /// A change to one stored record: its `fields` (in the fixtures' form) set on it.
    struct RecordChange: Decodable, Sendable {
        var object: String
        var id: String
        var fields: [String: JSONValue]
    }

    struct MockAnswer: Decodable, Sendable {
        var outputs: [String: JSONValue]?
        var fault: String?
    }

    struct Expectations: Decodable, Sendable {
        var status: String?
        var outputs: [String: JSONValue]?
        var visited: [String]?
        var notVisited: [String]?
        var screen: String?
        var records: [RecordExpectation]?
        var faultMessage: String?
        /// Fields of `$Record` when the flow ends.
        var triggerRecord: [String: JSONValue]?
        /// The scheduled paths that ran, in the order they ran.
        var scheduledPaths: [ScheduledPathExpectation]?
        /// How many records of each object the store holds when the flow ends.
        var recordCounts: [String: Int]?
    }

    /// A scheduled path that ran: its name, and optionally the (virtual) time it ran at and how
    /// it ended (`finished` or `failed`). Written as the bare name when only the name matters.
    struct ScheduledPathExpectation: Decodable, Sendable {
        var name: String
        var at: String?
        var status: String?

        private enum CodingKeys: String, CodingKey { case name, at, status }

        init(from decoder: any Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                self.name = name
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            at = try container.decodeIfPresent(String.self, forKey: .at)
            status = try container.decodeIfPresent(String.self, forKey: .status)
        }
    }

    /// A record after the run: the one with `id`, or, without an `id` (a record the flow created,
    /// whose Id a test cannot know), some record of `object` that no other expectation matched.
    struct RecordExpectation: Decodable, Sendable {
        var object: String
        var id: String?
        var fields: [String: JSONValue]
    }
}

/// Records for a test: a fixture file path, or a fixture written inline.
enum RecordsSource: Decodable, Sendable {
    case path(String)
    case inline(JSONValue)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let path = try? container.decode(String.self) {
            self = .path(path)
        } else {
            self = .inline(try container.decode(JSONValue.self))
        }
    }
}
