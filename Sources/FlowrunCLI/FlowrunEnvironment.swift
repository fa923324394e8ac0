import FlowrunCore
import FlowrunPlugins
import Foundation

/// What the commands run with: the plug-ins flows may call and the process environment.
///
/// The `flowrun` executable uses the built-in plug-ins; a custom runner registers its own with
/// `FlowrunEnvironment.$current.withValue(…) { await FlowrunCommand.main() }`.
public struct FlowrunEnvironment: Sendable {
    public var plugins: PluginRegistry
    public var variables: [String: String]

    public init(plugins: PluginRegistry, variables: [String: String]) {
        self.plugins = plugins
        self.variables = variables
    }

    /// The built-in plug-ins, configured from the process environment.
    public static var standard: FlowrunEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return FlowrunEnvironment(plugins: BuiltinPlugins.registry(environment: variables), variables: variables)
    }

    @TaskLocal public static var current: FlowrunEnvironment = .standard
}
