import Foundation

/// The stored form of an interview (format version 2): everything keyed by name, nothing by the
/// runtime's slot or element indices, so that the interpreter's layout may change and a flow may
/// be edited while interviews of it wait. `Interpreter.snapshot(of:)` writes it and
/// `Interpreter.restore(_:)` reads it back against the flow as it is now.
///
/// Version 1 was the `Interview` struct encoded as it was (slot and element indices); it is not
/// read, since nothing in it says which element an index meant (see `InterviewRestoreError`).
struct InterviewSnapshot: Sendable, Codable {
    static let currentVersion = 2

    /// The flow the interview ran: its name and `layoutFingerprint`.
    struct FlowIdentity: Sendable, Codable, Hashable {
        var name: String
        var fingerprint: String
    }

    /// A resource that holds a value, with what it meant when the interview was stored.
    struct Resource: Sendable, Codable {
        var meaning: ResourceMeaning
        var value: FlowValue

        private enum CodingKeys: String, CodingKey { case kind, type, isCollection, object, value }

        init(meaning: ResourceMeaning, value: FlowValue) {
            self.meaning = meaning
            self.value = value
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            meaning = ResourceMeaning(
                kind: try container.decode(String.self, forKey: .kind),
                type: try container.decodeIfPresent(String.self, forKey: .type),
                isCollection: try container.decode(Bool.self, forKey: .isCollection),
                object: try container.decodeIfPresent(String.self, forKey: .object))
            value = try container.decodeIfPresent(FlowValue.self, forKey: .value) ?? .null
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(meaning.kind, forKey: .kind)
            try container.encodeIfPresent(meaning.type, forKey: .type)
            try container.encode(meaning.isCollection, forKey: .isCollection)
            try container.encodeIfPresent(meaning.object, forKey: .object)
            if !value.isNull { try container.encode(value, forKey: .value) }
        }
    }

    /// Where the interview stands: `ready` (about to run `element`, or to finish when it is
    /// absent), `atScreen` (waiting at `element`: a screen, or a subflow whose interview waits),
    /// or `done`.
    struct Position: Sendable, Codable, Hashable {
        var state: String
        var element: String?
    }

    struct Loop: Sendable, Codable, Hashable {
        var items: [FlowValue]
        var next: Int
    }

    /// The paused subflow's own snapshot; a wrapper because a struct cannot hold itself.
    struct Nested: Sendable, Codable {
        var snapshots: [InterviewSnapshot]

        init(_ snapshot: InterviewSnapshot) { snapshots = [snapshot] }

        init(from decoder: any Decoder) throws {
            snapshots = [try decoder.singleValueContainer().decode(InterviewSnapshot.self)]
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(snapshots.first)
        }
    }

    var version = InterviewSnapshot.currentVersion
    var flow: FlowIdentity
    var id: String
    /// Seconds since 2001-01-01T00:00:00Z (Foundation's reference date), exact.
    var startTime: Date
    var status: InterviewStatus
    var steps: Int
    var totalSteps: Int
    /// Every resource of the flow that holds a value, by name: the names the interview holds.
    var resources: [String: Resource]
    /// The kind (`screens`, `loops`, `subflows`, …) of every element named by `position`,
    /// `screenHistory` and `loops`.
    var elements: [String: String]
    var position: Position
    /// The screens shown so far, for Back.
    var screenHistory: [String]
    /// Collections being looped over, by loop element name.
    var loops: [String: Loop]
    var faultMessage: String?
    var offeredChoices: [String: [ScreenFieldPrompt.Choice]]
    var offeredRecords: [String: [FlowValue]]
    var currentRecord: String?
    var usage: TransactionUsage
    var subflowDepth: Int
    var clockShift: TimeInterval
    var entryConditionsMet: Bool
    var subflow: Nested?
}

/// Why a stored interview cannot go on with the flow as it is now. Its `description` is meant
/// for the person who was running it (a web page, the API's `error`, a terminal).
public struct InterviewRestoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The flow was edited so that a name the interview holds means something else, or is gone.
        case flowChanged
        /// Stored by an older flowrun in a form that does not name what it holds (format 1).
        case olderFormat
        /// Stored by a newer flowrun, in a format this one does not know.
        case newerFormat
        /// Not a stored interview at all (damaged, truncated, or not JSON).
        case unreadable
    }

    public var reason: Reason
    public var description: String

    init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }

    static func flowChanged(_ flow: String, _ problems: [String]) -> InterviewRestoreError {
        let shown = problems.prefix(3).joined(separator: "; ")
        let more = problems.count > 3 ? "; and \(problems.count - 3) more" : ""
        return InterviewRestoreError(
            .flowChanged,
            "This interview cannot go on: flow '\(flow)' has changed since it was saved (\(shown)\(more)). Start the flow again.")
    }

    static func olderFormat(_ flow: String) -> InterviewRestoreError {
        InterviewRestoreError(
            .olderFormat,
            "This interview cannot go on: it was saved by an older flowrun, in a form that cannot be matched to flow '\(flow)' as it is now. Start the flow again."
        )
    }

    static func newerFormat(_ flow: String, version: Int) -> InterviewRestoreError {
        InterviewRestoreError(
            .newerFormat,
            "This interview cannot go on here: it was saved by a newer flowrun (format \(version); this one reads format \(InterviewSnapshot.currentVersion)) running flow '\(flow)'. Resume it there, or start the flow again."
        )
    }

    static func unreadable(_ flow: String, _ detail: String) -> InterviewRestoreError {
        InterviewRestoreError(
            .unreadable, "This interview cannot go on: its saved state for flow '\(flow)' cannot be read (\(detail)). Start the flow again."
        )
    }
}
