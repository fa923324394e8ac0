/// Parse and validate in one call: what every front-end does first.
public enum FlowLoader {
    /// The validated flow at `path` (nil when it has errors) and every diagnostic, sorted.
    public static func load(path: String, plugins: PluginRegistry) -> (ValidatedFlow?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = FlowParser.parse(contentsOf: path)
        guard let parsed else { return (nil, parseDiagnostics) }
        let (validated, checkDiagnostics) = Validator(plugins: plugins).validate(parsed)
        let all = (parseDiagnostics + checkDiagnostics).sortedByLocation()
        return (parseDiagnostics.hasErrors ? nil : validated, all)
    }
}
