import ArgumentParser
import FlowrunCore
import Foundation

/// `--record` and `--prior`: the record change that starts a record-triggered flow, each given as
/// JSON text (`{"StageName": "Closed Won"}`) or as the path of a file holding it.
struct TriggerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run a record-triggered flow for this record ($Record): JSON text or a JSON file.", valueName: "JSON"))
    var record: String?

    @Option(help: ArgumentHelp("The record before the update ($Record__Prior): JSON text or a JSON file.", valueName: "JSON"))
    var prior: String?

    /// Scheduled paths run by default, as Salesforce queues them; skipping them shows the
    /// immediate path alone (what the record's own transaction does).
    @Flag(help: "Run only the immediate path of a record-triggered flow, not its scheduled paths.")
    var noScheduledPaths = false

    func validate() throws {
        if prior != nil, record == nil { throw ValidationError("--prior needs --record (the record after the change)") }
        if noScheduledPaths, record == nil { throw ValidationError("--no-scheduled-paths needs --record (a record-triggered run)") }
    }

    /// The trigger event, or nil when no `--record` was given.
    func event(object: String?) throws(RecordFixtureError) -> TriggerEvent? {
        guard let record else { return nil }
        let current = try Self.record(record, option: "--record", object: object)
        let before = try prior.map { text throws(RecordFixtureError) in try Self.record(text, option: "--prior", object: object) }
        return TriggerEvent(record: current, prior: before)
    }

    private static func record(_ text: String, option: String, object: String?) throws(RecordFixtureError) -> FlowRecord {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            return try RecordFixture.record(fromJSON: Data(trimmed.utf8), object: object, source: option)
        }
        guard let data = FileManager.default.contents(atPath: text) else {
            throw RecordFixtureError(source: option, message: "'\(text)' is neither JSON text ({…}) nor a readable file")
        }
        return try RecordFixture.record(fromJSON: data, object: object, source: text)
    }
}

/// `--flows`, `--settings` and `--project`: where subflows are found, where `$Label`, `$Setup`, …
/// come from, and whose object metadata record fields are checked against.
struct ProjectOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Find subflows in this folder (default: the flow's own folder; an SFDX project root works).", valueName: "DIR"))
    var flows: String?

    @Option(
        help: ArgumentHelp(
            "Org settings ($Label, $Setup, $Organization, $Profile, $Permission) from this JSON file (default: flowrun-settings.json beside the flow).",
            valueName: "FILE"))
    var settings: String?

    @Option(
        help: ArgumentHelp(
            "Check record fields against this SFDX project's object metadata (default: the project the flow, or --flows, is in).",
            valueName: "DIR"))
    var project: String?

    func validate() throws {
        if let project, !SFDXProject.isProject(project) {
            throw ValidationError("--project: '\(project)' has no sfdx-project.json and no force-app/main/default/objects folder")
        }
    }

    /// The options as plain values.
    var paths: ProjectPaths { ProjectPaths(flows: flows, settings: settings, project: project) }

    /// Loads `file` with these options' subflow folder, settings and object metadata.
    func load(_ file: String, plugins: PluginRegistry) throws(RecordFixtureError) -> (ValidatedFlow?, [Diagnostic]) {
        try paths.load(file, plugins: plugins)
    }
}
