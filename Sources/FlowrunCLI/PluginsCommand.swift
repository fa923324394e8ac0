import ArgumentParser
import FlowrunCore
import Foundation

/// `flowrun plugins`: the registered plug-ins and what each `describe()`s.
public struct PluginsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List the registered plug-ins with their inputs and outputs.",
        discussion: "Includes the command plug-ins of --plugins FILE, or of flowrun-plugins.json in the current folder.")

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var pluginManifest: PluginManifestOptions

    public init() {}

    public func run() async throws {
        let registry: PluginRegistry
        do {
            registry = try await pluginManifest.source().registry(forFolder: ".")
        } catch {
            throw error.exit()
        }
        let described = registry.names.compactMap { name in registry.plugin(named: name).map { (name, $0.describe()) } }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let rows = described.map { RegisteredPlugin(registeredAs: $0.0, description: $0.1) }
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .text:
            for (name, description) in described {
                print("\(name) — \(description.name) [\(description.tag)]")
                if !description.description.isEmpty { print("  \(description.description)") }
                for input in description.inputs {
                    print(
                        "  in  \(input.name): \(input.type.rawValue)\(input.required ? " (required)" : "")\(input.isSecret ? " (secret)" : "")"
                    )
                }
                for output in description.outputs {
                    print("  out \(output.name): \(output.type.rawValue)\(output.isSecret ? " (secret)" : "")")
                }
            }
        }
    }

    private struct RegisteredPlugin: Encodable {
        var registeredAs: String
        var description: PluginDescription
    }
}
