import FlowrunCore

/// Reads a command's answer to `{"op": "describe"}` into a `PluginDescription`, refusing anything
/// a flow could not be checked against (unknown types, unnamed or repeated parameters).
enum DescribeAnswer {
    static func parse(_ answer: [String: JSONValue], registeredAs name: String) throws(ExternalPluginError) -> PluginDescription {
        PluginDescription(
            name: try text(answer["name"], at: "name") ?? name,
            tag: try text(answer["tag"], at: "tag") ?? "",
            description: try text(answer["description"], at: "description") ?? "",
            inputs: try parameters(answer["inputs"], at: "inputs"),
            outputs: try parameters(answer["outputs"], at: "outputs"),
            // Another program may do anything, the network included: it never holds a database lock.
            callsOut: true)
    }

    private static func parameters(_ value: JSONValue?, at place: String) throws(ExternalPluginError) -> [PluginParameter] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw ExternalPluginError("\(place): expected an array") }
        var parameters: [PluginParameter] = []
        for (index, item) in items.enumerated() {
            let at = "\(place)[\(index)]"
            guard case .object(let fields) = item else { throw ExternalPluginError("\(at): expected an object") }
            guard let name = try text(fields["name"], at: "\(at).name"), !name.isEmpty else {
                throw ExternalPluginError("\(at).name: every parameter needs a name")
            }
            guard let typeName = try text(fields["type"], at: "\(at).type"),
                let type = PluginParameterType(rawValue: typeName.uppercased())
            else {
                let known = PluginParameterType.allCases.map(\.rawValue).joined(separator: ", ")
                throw ExternalPluginError("\(at).type: expected one of \(known)")
            }
            if parameters.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                throw ExternalPluginError("\(at).name: '\(name)' is declared twice")
            }
            parameters.append(
                PluginParameter(
                    name, type, required: try flag(fields["required"], at: "\(at).required"),
                    isSecret: try flag(fields["isSecret"], at: "\(at).isSecret"),
                    description: try text(fields["description"], at: "\(at).description") ?? ""))
        }
        return parameters
    }

    private static func text(_ value: JSONValue?, at place: String) throws(ExternalPluginError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw ExternalPluginError("\(place): expected text")
        }
    }

    private static func flag(_ value: JSONValue?, at place: String) throws(ExternalPluginError) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        default: throw ExternalPluginError("\(place): expected true or false")
        }
    }
}
