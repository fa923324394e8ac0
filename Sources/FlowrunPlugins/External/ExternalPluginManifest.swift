import FlowrunCore
import Foundation

/// A plug-in manifest (`flowrun-plugins.json`): plug-ins that are commands, in any language.
///
/// ```json
/// {
///   "plugins": {
///     "ShippingQuote": {
///       "command": ["python3", "plugins/shipping_quote.py"],
///       "directory": ".",
///       "environment": ["SHIPPING_SURCHARGE"],
///       "timeoutSeconds": 10,
///       "maxOutputBytes": 1048576
///     }
///   }
/// }
/// ```
/// The key is the name flows call (`<apexClass>` / `<actionName>`). `command` is the argv: its
/// first word is a path relative to the manifest's folder when it has a slash, otherwise looked
/// up in PATH. `directory` (default: the manifest's folder) is where the command runs.
/// The command sees only PATH and the variables `environment` names. `timeoutSeconds` (default 10,
/// at most 600) bounds every run; `maxOutputBytes` (default 1 MiB) bounds what it may print.
public struct ExternalPluginManifest: Sendable {
    public static let fileName = "flowrun-plugins.json"
    static let defaultTimeout = 10.0
    static let maxTimeout = 600.0
    static let defaultOutputLimit = 1 << 20

    public struct Entry: Sendable {
        public var name: String
        public var command: [String]
        public var directory: URL
        public var environment: [String]
        public var timeoutSeconds: Double
        public var maxOutputBytes: Int
    }

    public var path: String
    public var entries: [Entry]

    /// Reads and checks a manifest; every problem names the file and the key it is at.
    public static func load(path: String) throws(ExternalPluginError) -> ExternalPluginManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExternalPluginError("\(path): cannot read the plug-in manifest")
        }
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ExternalPluginError("\(path): not JSON: \(JSONErrorText.reason(error))")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
        guard case .object(let root) = json, case .object(let plugins)? = root["plugins"] else {
            throw ExternalPluginError(#"\#(path): a plug-in manifest is an object with a "plugins" object"#)
        }
        if let unknown = root.keys.first(where: { $0 != "plugins" }) {
            throw ExternalPluginError("\(path): unknown key '\(unknown)' (a manifest has only \"plugins\")")
        }
        var entries: [Entry] = []
        for (name, value) in plugins.sorted(by: { $0.key < $1.key }) {
            entries.append(try entry(name, value, folder: folder, at: "\(path): plugins.\(name)"))
        }
        return ExternalPluginManifest(path: path, entries: entries)
    }

    private static let keys: Set = ["command", "directory", "environment", "timeoutSeconds", "maxOutputBytes"]

    private static func entry(_ name: String, _ value: JSONValue, folder: URL, at place: String) throws(ExternalPluginError) -> Entry {
        guard case .object(let fields) = value else { throw ExternalPluginError("\(place): expected an object") }
        if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
            throw ExternalPluginError("\(place): unknown key '\(unknown)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        guard case .array(let words)? = fields["command"], !words.isEmpty else {
            throw ExternalPluginError(#"\#(place).command: expected the command as an array of words, like ["python3", "plugin.py"]"#)
        }
        let command = words.compactMap { word -> String? in
            guard case .string(let text) = word else { return nil }
            return text
        }
        guard command.count == words.count, !command[0].isEmpty else {
            throw ExternalPluginError("\(place).command: every word must be text, the first not empty")
        }
        var directory = folder
        if let given = fields["directory"] {
            guard case .string(let text) = given else { throw ExternalPluginError("\(place).directory: expected a path") }
            directory = text.hasPrefix("/") ? URL(fileURLWithPath: text) : folder.appendingPathComponent(text).standardizedFileURL
        }
        var environment: [String] = []
        if let given = fields["environment"] {
            guard case .array(let names) = given else {
                throw ExternalPluginError("\(place).environment: expected an array of variable names")
            }
            for name in names {
                guard case .string(let text) = name, !text.isEmpty, !text.contains("=") else {
                    throw ExternalPluginError("\(place).environment: every entry must be a variable name")
                }
                environment.append(text)
            }
        }
        let timeout = try number(fields["timeoutSeconds"], default: defaultTimeout, at: "\(place).timeoutSeconds")
        guard timeout > 0, timeout <= maxTimeout else {
            throw ExternalPluginError("\(place).timeoutSeconds: expected seconds above 0 and at most \(Int(maxTimeout))")
        }
        let limit = try number(fields["maxOutputBytes"], default: Double(defaultOutputLimit), at: "\(place).maxOutputBytes")
        guard limit >= 1, limit <= Double(Int32.max), limit.rounded() == limit else {
            throw ExternalPluginError("\(place).maxOutputBytes: expected a whole number of bytes above 0")
        }
        return Entry(
            name: name, command: command, directory: directory, environment: environment, timeoutSeconds: timeout,
            maxOutputBytes: Int(limit))
    }

    private static func number(_ value: JSONValue?, default fallback: Double, at place: String) throws(ExternalPluginError) -> Double {
        switch value {
        case nil: return fallback
        case .number(let number)?: return NSDecimalNumber(decimal: number).doubleValue
        default: throw ExternalPluginError("\(place): expected a number")
        }
    }
}

/// A plug-in manifest or command that cannot be used, or a call that went wrong. The description
/// is the whole message (a call's becomes `$Flow.FaultMessage`), and never holds a secret.
public struct ExternalPluginError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// The useful part of a JSON decoding error: Foundation's message says where (line and column).
enum JSONErrorText {
    static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError {
                return (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)"
            }
            return context.debugDescription
        }
        return "\(error)"
    }
}
