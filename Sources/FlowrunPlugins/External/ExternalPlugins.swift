import FlowrunCore

/// Puts a manifest's command plug-ins into a registry, next to the built-in ones.
public enum ExternalPlugins {
    /// Asks each command to describe itself and registers it under its manifest name (replacing
    /// a plug-in registered under that name before). The first command that cannot describe
    /// itself stops the loading, with the manifest's path in the message.
    public static func register(
        _ manifest: ExternalPluginManifest, into registry: inout PluginRegistry, environment: [String: String]
    ) async throws(ExternalPluginError) {
        for entry in manifest.entries {
            do {
                registry.register(try await ExternalPlugin.describing(entry, environment: environment), as: entry.name)
            } catch {
                throw ExternalPluginError("\(manifest.path): \(error.description)")
            }
        }
    }
}
