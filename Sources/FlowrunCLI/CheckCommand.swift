import ArgumentParser
import FlowrunCore

/// `flowrun check FILE...`: every problem in every file, at once, with where it is.
public struct CheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check flow files and report every problem with its file:line:column.",
        discussion: "Exit status 0 when no file has errors (warnings are fine), 2 when some file has errors."
    )

    @Argument(help: "Flow metadata files (.flow-meta.xml, .flow, .xml).")
    var files: [String]

    @Option(
        help: "Output format: text (with source lines), json, sarif (SARIF 2.1.0 for code scanning) or github (GitHub Actions annotations)."
    )
    var format: CheckFormat = .text

    @OptionGroup var project: ProjectOptions
    @OptionGroup var pluginManifest: PluginManifestOptions

    public init() {}

    public func run() async throws {
        try await Self.check(files, format: format, project: project.paths, manifest: pluginManifest.manifest)
    }

    /// Checks `files` and prints the result: the command's whole work, with its options as plain
    /// values, so that ``PlainCheck``'s fast path runs exactly what the parsed command runs.
    static func check(_ files: [String], format: CheckFormat, project: ProjectPaths, manifest: String?) async throws {
        let source = PluginSource(base: FlowrunEnvironment.current, manifest: manifest)
        var diagnostics: [Diagnostic] = []
        var seen: Set<Diagnostic> = []
        for file in files {
            let plugins: PluginRegistry
            do {
                plugins = try await source.registry(forFlowAt: file)
            } catch {
                throw error.exit()
            }
            do {
                // A project's unreadable metadata file is reported with every flow of it; say it once.
                for diagnostic in try project.load(file, plugins: plugins).1 where seen.insert(diagnostic).inserted {
                    diagnostics.append(diagnostic)
                }
            } catch {
                printError("flowrun: settings: \(error)")
                throw ExitStatus.usage
            }
        }
        switch format {
        case .json:
            print(DiagnosticRenderer.json(diagnostics))
        case .sarif:
            print(SARIFReport.render(diagnostics))
        case .github:
            if !diagnostics.isEmpty { print(GitHubAnnotations.render(diagnostics)) }
        case .text:
            if !diagnostics.isEmpty { print(DiagnosticRenderer.loadingSources(for: diagnostics).render(diagnostics)) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let summary =
                "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            print(summary)
        }
        if diagnostics.hasErrors { throw ExitStatus.invalidFlow }
    }
}

/// How a command prints its result.
public enum OutputFormat: String, ExpressibleByArgument, Sendable {
    case text, json
}

/// How `check` prints its diagnostics: the two formats every command has, and two that CI
/// services read (a SARIF log for code scanning, workflow commands for GitHub Actions).
public enum CheckFormat: String, ExpressibleByArgument, Sendable {
    case text, json, sarif, github
}
