import FlowrunCore
import Foundation
import Yams

/// Reads a flow test file in either syntax: `*.flowtest.json`, or `*.flowtest.yaml` /
/// `*.flowtest.yml` with exactly the same schema.
///
/// YAML goes through the same decoder as JSON (YAML → JSON values → `FlowTestFile`), so the two
/// cannot drift apart. Only JSON's types are recognised in YAML: plain `true`/`false`, `null`/`~`
/// and JSON-style numbers are typed, everything else is text (`yes`, `2024-05-01`, `0x1F` stay
/// text), and quoted scalars are always text. Errors in YAML carry file:line:column, schema
/// errors included (the line of the value that is wrong).
enum FlowTestDocument {
    static let suffixes = [".flowtest.json", ".flowtest.yaml", ".flowtest.yml"]

    static func isTestFile(_ path: String) -> Bool {
        suffixes.contains { path.hasSuffix($0) }
    }

    static func decode(_ data: Data, path: String) throws(FlowTestFileError) -> FlowTestFile {
        if path.hasSuffix(".flowtest.yaml") || path.hasSuffix(".flowtest.yml") {
            return try decodeYAML(data, path: path)
        }
        do {
            return try JSONDecoder().decode(FlowTestFile.self, from: data)
        } catch {
            throw FlowTestFileError(description: "\(path): not a flow test file: \(reason(error))")
        }
    }

    // MARK: - YAML

    /// More nodes than any test file needs: a guard against aliases that expand exponentially.
    static let nodeLimit = 100_000

    private static func decodeYAML(_ data: Data, path: String) throws(FlowTestFileError) -> FlowTestFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw located(path, nil, "not UTF-8 text")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw FlowTestFileError(description: "\(path):1:1: error: empty file")
            }
            root = node
        } catch let error as FlowTestFileError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, path: path)
        } catch {
            throw located(path, nil, "\(error)")
        }
        var budget = nodeLimit
        let json = try value(of: root, path: path, budget: &budget)
        do {
            let data = try JSONEncoder().encode(json)
            return try JSONDecoder().decode(FlowTestFile.self, from: data)
        } catch let error as DecodingError {
            throw located(path, mark(of: error, in: root), "not a flow test file: \(reason(error))")
        } catch {
            throw located(path, nil, "\(error)")
        }
    }

    private static func value(of node: Node, path: String, budget: inout Int) throws(FlowTestFileError) -> JSONValue {
        budget -= 1
        guard budget >= 0 else { throw located(path, node.mark, "more than \(nodeLimit) values (aliases expanding?)") }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(of: item, path: path, budget: &budget)) }
            return .array(items)
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard case .scalar(let name) = key else { throw located(path, key.mark, "a key must be text") }
                fields[name.string] = try value(of: item, path: path, budget: &budget)
            }
            return .object(fields)
        case .alias:
            throw located(path, node.mark, "unresolved alias")
        }
    }

    /// JSON's scalar types, from plain YAML scalars only.
    private static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~", "": return .null
        default:
            let jsonNumber = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/
            if text.wholeMatch(of: jsonNumber) != nil,
                let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            {
                return .number(decimal)
            }
            return .string(text)
        }
    }

    private static func yamlError(_ error: YamlError, path: String) -> FlowTestFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return located(path, mark, "YAML: \(problem)\(while_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return located(path, context.mark, "YAML: duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return located(path, nil, "YAML: \(problem)")
        default:
            return located(path, nil, "YAML: \(error)")
        }
    }

    /// Where the value a decoding error is about sits in the YAML: the deepest node its coding
    /// path reaches (for a missing key, the object that lacks it).
    private static func mark(of error: DecodingError, in root: Node) -> Mark? {
        let codingPath: [any CodingKey]
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            codingPath = context.codingPath
        @unknown default:
            return root.mark
        }
        var node = root
        for key in codingPath {
            if let index = key.intValue, case .sequence(let sequence) = node, index < sequence.count {
                node = sequence[index]
            } else if case .mapping(let mapping) = node, let child = mapping[key.stringValue] {
                node = child
            } else {
                break
            }
        }
        return node.mark
    }

    private static func located(_ path: String, _ mark: Mark?, _ message: String) -> FlowTestFileError {
        let place = mark.map { "\(path):\($0.line):\($0.column)" } ?? path
        return FlowTestFileError(description: "\(place): error: \(message)")
    }

    static func reason(_ error: any Error) -> String {
        func joined(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let at = joined(context.codingPath)
            return "missing \"\(key.stringValue)\"\(at.isEmpty ? "" : " at \(at)")"
        case DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context),
            DecodingError.valueNotFound(_, let context):
            let at = joined(context.codingPath)
            return "\(context.debugDescription)\(at.isEmpty ? "" : " at \(at)")"
        default:
            return "\(error)"
        }
    }
}
