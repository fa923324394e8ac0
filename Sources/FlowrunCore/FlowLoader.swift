import Foundation

/// Parse and validate in one call: what every front-end does first.
public enum FlowLoader {
    /// The validated flow at `path` (nil when it has errors) and every diagnostic, sorted.
    ///
    /// Subflows are found in `flows` (by default the folder of `path`), and `$Label`, `$Setup`, …
    /// come from `settings` (by default `flowrun-settings.json` beside the flow, when there is one).
    /// Record fields are checked against `metadata`: by default that of the library's, or else of
    /// the SFDX project the flow sits in (see `ObjectMetadata.discovered(near:)`); files of it that
    /// cannot be read are reported as warnings.
    public static func load(
        path: String, plugins: PluginRegistry, flows: FlowLibrary? = nil, settings: OrgSettings? = nil,
        metadata: ObjectMetadata? = nil
    ) -> (ValidatedFlow?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = FlowParser.parse(contentsOf: path)
        guard let parsed else { return (nil, parseDiagnostics) }
        var settingsDiagnostics: [Diagnostic] = []
        var objects = metadata ?? flows?.metadata ?? ObjectMetadata()
        if metadata == nil, objects.isEmpty { objects = ObjectMetadata.discovered(near: path) }
        let library: FlowLibrary
        if let flows {
            library = flows
        } else {
            let directory = (path as NSString).deletingLastPathComponent
            var found = settings
            if found == nil {
                do {
                    found = try defaultSettings(besideFlowsIn: directory.isEmpty ? "." : directory)
                } catch {
                    settingsDiagnostics.append(
                        .error("settings.invalid", error.message, at: SourceLocation(file: error.source, line: 1, column: 1)))
                }
            }
            library = FlowLibrary(
                directories: [directory.isEmpty ? "." : directory], plugins: plugins, settings: found ?? OrgSettings(),
                metadata: objects)
        }
        let validator = Validator(plugins: plugins, flows: library, settings: settings ?? library.settings, metadata: objects)
        let (validated, checkDiagnostics) = validator.validate(parsed)
        let all = (parseDiagnostics + settingsDiagnostics + objects.problems + checkDiagnostics).sortedByLocation()
        return (parseDiagnostics.hasErrors || !settingsDiagnostics.isEmpty ? nil : validated, all)
    }

    /// `flowrun-settings.json` in `directory`, if there is one.
    /// - Throws: `RecordFixtureError` when the file is there but malformed.
    public static func defaultSettings(besideFlowsIn directory: String) throws(RecordFixtureError) -> OrgSettings? {
        let path = (directory as NSString).appendingPathComponent(OrgSettings.defaultFileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try OrgSettings.load(contentsOf: URL(fileURLWithPath: path))
    }
}
