import Foundation

/// Parse and validate in one call: what every front-end does first.
public enum FlowLoader {
    /// The validated flow at `path` (nil when it has errors) and every diagnostic, sorted.
    ///
    /// Subflows are found in `flows` (by default the folder of `path`), and `$Label`, `$Setup`, …
    /// come from `settings` (by default `flowrun-settings.json` beside the flow, when there is one).
    public static func load(
        path: String, plugins: PluginRegistry, flows: FlowLibrary? = nil, settings: OrgSettings? = nil
    ) -> (ValidatedFlow?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = FlowParser.parse(contentsOf: path)
        guard let parsed else { return (nil, parseDiagnostics) }
        var settingsDiagnostics: [Diagnostic] = []
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
                directories: [directory.isEmpty ? "." : directory], plugins: plugins, settings: found ?? OrgSettings())
        }
        let validator = Validator(plugins: plugins, flows: library, settings: settings ?? library.settings)
        let (validated, checkDiagnostics) = validator.validate(parsed)
        let all = (parseDiagnostics + settingsDiagnostics + checkDiagnostics).sortedByLocation()
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
