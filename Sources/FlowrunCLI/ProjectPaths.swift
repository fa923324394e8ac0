import FlowrunCore
import Foundation

/// Where a flow's subflows, org settings and object metadata come from: `--flows`, `--settings`
/// and `--project` as plain values (nil: found beside the flow), so that a command can be run
/// without ArgumentParser (``PlainCheck``).
struct ProjectPaths: Sendable {
    var flows: String?
    var settings: String?
    var project: String?

    /// Loads `file` with this subflow folder, settings and object metadata.
    func load(_ file: String, plugins: PluginRegistry) throws(RecordFixtureError) -> (ValidatedFlow?, [Diagnostic]) {
        let orgSettings = try settings.map { path throws(RecordFixtureError) in try OrgSettings.load(contentsOf: URL(fileURLWithPath: path))
        }
        // Without --project, the flow's own project wins (FlowLoader finds it); --flows may point into one too.
        var metadata = try project.map { path throws(RecordFixtureError) in try ProjectMetadata.given(path) }
        if metadata == nil, let flows, SFDXProject.root(near: file) == nil {
            let found = ObjectMetadata.discovered(near: flows)
            if !found.isEmpty { metadata = found }
        }
        guard let flows else { return FlowLoader.load(path: file, plugins: plugins, settings: orgSettings, metadata: metadata) }
        let directory = (file as NSString).deletingLastPathComponent
        var found = orgSettings
        if found == nil { found = try FlowLoader.defaultSettings(besideFlowsIn: directory.isEmpty ? "." : directory) }
        let library = FlowLibrary(
            directories: [flows], plugins: plugins, settings: found ?? OrgSettings(),
            metadata: metadata ?? ObjectMetadata.discovered(near: file))
        return FlowLoader.load(path: file, plugins: plugins, flows: library, settings: found, metadata: metadata)
    }
}
