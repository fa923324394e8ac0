import FlowrunCore
import Foundation

/// The flows a server runs: every `*.xml`, `*.flow-meta.xml` and `*.flow` file directly in the
/// served directory that checks without errors, by API name (the file name without extension).
public struct FlowCatalog: Sendable {
    public private(set) var flows: [String: ValidatedFlow] = [:]
    /// Flows left out because they have errors, with the rendered diagnostics.
    public private(set) var refused: [String: String] = [:]

    public init(flows: [ValidatedFlow]) {
        for flow in flows { self.flows[flow.name] = flow }
    }

    /// - Throws: `ServerSetupError` when the directory cannot be read.
    public init(directory: String, plugins: PluginRegistry) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw ServerSetupError("cannot read the flow directory \(directory): \(error.localizedDescription)")
        }
        for name in names where name.hasSuffix(".xml") || name.hasSuffix(".flow") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let (loaded, diagnostics) = FlowLoader.load(path: path, plugins: plugins)
            if let loaded {
                flows[loaded.name] = loaded
            } else {
                refused[name] = DiagnosticRenderer.loadingSources(for: diagnostics).render(diagnostics)
            }
        }
    }

    public subscript(name: String) -> ValidatedFlow? { flows[name] }

    /// The label to show for a flow: its `<label>`, or its name.
    func label(of name: String) -> String {
        guard let flow = flows[name] else { return name }
        return flow.flow.label ?? name
    }
}
