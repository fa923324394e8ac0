import Foundation
import Synchronization

/// The flows a flow can call as subflows: the flow files of one or more folders, found by API name
/// (`Name.flow-meta.xml`, `Name.flow` or `Name.xml`). An SFDX project works as it is: a folder
/// that holds `force-app/main/default/flows` is searched there too.
///
/// Each flow is parsed and checked once and then shared (a `ValidatedFlow` is immutable), so a
/// subflow called from many places costs one load.
public final class FlowLibrary: Sendable {
    /// What looking a flow up found.
    public enum Lookup: Sendable {
        case found(ValidatedFlow)
        /// No file of that name in any folder searched.
        case missing(searched: [String])
        /// The file exists but does not check clean (`flow` is nil when it does not even parse).
        case invalid(path: String, flow: Flow?, diagnostics: [Diagnostic])
    }

    public let directories: [String]
    let plugins: PluginRegistry
    let settings: OrgSettings
    /// The object metadata every flow of the library is checked with.
    public let metadata: ObjectMetadata
    private let cache = Mutex<[String: Lookup]>([:])

    /// Subflows nest at most this deep at run time, as a backstop: cycles are refused by `check`.
    public static let maximumDepth = 50

    public init(
        directories: [String], plugins: PluginRegistry, settings: OrgSettings = OrgSettings(),
        metadata: ObjectMetadata = ObjectMetadata()
    ) {
        var searched: [String] = []
        for directory in directories {
            searched.append(directory)
            let sfdx = (directory as NSString).appendingPathComponent("force-app/main/default/flows")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: sfdx, isDirectory: &isDirectory), isDirectory.boolValue {
                searched.append(sfdx)
            }
        }
        self.directories = searched
        self.plugins = plugins
        self.settings = settings
        self.metadata = metadata
    }

    /// The file that holds the flow named `name`, if any.
    public func path(of name: String) -> String? {
        for directory in directories {
            for suffix in [".flow-meta.xml", ".flow", ".xml"] {
                let path = (directory as NSString).appendingPathComponent(name + suffix)
                if FileManager.default.fileExists(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The flow named `name`, checked. `callers` are the flows (lowercased API names) whose
    /// checking led here, so that a flow calling back into one of them is reported as a cycle.
    func lookup(_ name: String, callers: [String]) -> Lookup {
        let key = name.lowercased()
        if let known = cache.withLock({ $0[key] }) { return known }
        guard let path = path(of: name) else { return .missing(searched: directories) }
        let (parsed, parseDiagnostics) = FlowParser.parse(contentsOf: path)
        var result: Lookup
        if let parsed {
            let validator = Validator(plugins: plugins, flows: self, settings: settings, metadata: metadata, callers: callers)
            let (validated, checkDiagnostics) = validator.validate(parsed)
            let all = (parseDiagnostics + checkDiagnostics).sortedByLocation()
            if let validated, !parseDiagnostics.hasErrors {
                result = .found(validated)
            } else {
                result = .invalid(path: path, flow: parsed, diagnostics: all)
            }
        } else {
            result = .invalid(path: path, flow: nil, diagnostics: parseDiagnostics)
        }
        cache.withLock { $0[key] = result }
        return result
    }
}

/// Holds a called flow inside a compiled element (a struct cannot hold its own type directly).
final class SubflowCallee: Sendable {
    let flow: ValidatedFlow
    init(_ flow: ValidatedFlow) { self.flow = flow }
}
