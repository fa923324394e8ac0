import ArgumentParser
import FlowrunCore
import FlowrunPlugins
import Foundation

/// `--plugins FILE`: command plug-ins from a manifest, shared by run, check, test and plugins.
struct PluginManifestOptions: ParsableArguments {
    @Option(
        name: .customLong("plugins"),
        help: ArgumentHelp(
            "A plug-in manifest (default: flowrun-plugins.json beside the flow, when there is one).", valueName: "FILE"))
    var manifest: String?

    /// The environment's plug-ins, plus those of the manifest this option or a flow's folder names.
    func source() -> PluginSource {
        PluginSource(base: FlowrunEnvironment.current, manifest: manifest)
    }
}

/// The plug-ins a flow may call: the environment's, plus the command plug-ins of the manifest
/// given with `--plugins` or found beside the flow. Each manifest is described once per run.
actor PluginSource {
    private let base: FlowrunEnvironment
    private let explicitManifest: String?
    private var loaded: [String: PluginRegistry] = [:]

    init(base: FlowrunEnvironment, manifest: String?) {
        self.base = base
        explicitManifest = manifest
    }

    /// The registry for the flow (or test file) at `path`.
    func registry(forFlowAt path: String) async throws(ExternalPluginError) -> PluginRegistry {
        let folder = (path as NSString).deletingLastPathComponent
        return try await registry(forFolder: folder.isEmpty ? "." : folder)
    }

    /// The registry for flows in `folder` (`--plugins`, else the manifest in that folder).
    func registry(forFolder folder: String) async throws(ExternalPluginError) -> PluginRegistry {
        guard let manifestPath = manifestPath(in: folder) else { return base.plugins }
        if let registry = loaded[manifestPath] { return registry }
        let manifest = try ExternalPluginManifest.load(path: manifestPath)
        var registry = base.plugins
        try await ExternalPlugins.register(manifest, into: &registry, environment: base.variables)
        loaded[manifestPath] = registry
        return registry
    }

    private func manifestPath(in folder: String) -> String? {
        if let explicitManifest { return explicitManifest }
        let beside = (folder as NSString).appendingPathComponent(ExternalPluginManifest.fileName)
        return FileManager.default.fileExists(atPath: beside) ? beside : nil
    }
}

extension ExternalPluginError {
    /// Printed, then the usage exit status: a manifest is an input file like `--records`.
    func exit() -> ExitCode {
        printError("flowrun: \(description)")
        return ExitStatus.usage
    }
}
