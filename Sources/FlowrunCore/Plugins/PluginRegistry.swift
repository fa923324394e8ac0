/// The plug-ins a flow may call, by the name flows use (`<apexClass>` / `<actionName>`).
///
/// A value, passed to the validator and the interpreter: there is no global registry.
public struct PluginRegistry: Sendable {
    private var plugins: [String: any FlowPlugin] = [:]
    private var canonicalNames: [String: String] = [:]

    public init() {}

    /// Registers `plugin` under `name` (replacing any plug-in registered under it before).
    public mutating func register(_ plugin: any FlowPlugin, as name: String) {
        plugins[name] = plugin
        canonicalNames[name.lowercased()] = name
    }

    /// The plug-in registered under `name`; Apex class names are matched without regard to case.
    public func plugin(named name: String) -> (any FlowPlugin)? {
        if let plugin = plugins[name] { return plugin }
        return canonicalNames[name.lowercased()].flatMap { plugins[$0] }
    }

    /// Every registered name, sorted.
    public var names: [String] { plugins.keys.sorted() }
}
