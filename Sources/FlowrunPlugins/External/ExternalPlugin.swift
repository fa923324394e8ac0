import FlowrunCore
import Foundation

/// A plug-in that is a command, speaking JSON on its standard input and output (one run per
/// message; Documentation/ExternalPlugins.md):
///
/// - `{"op": "describe"}` → `{"name", "tag", "description", "inputs": [{"name", "type",
///   "required", "isSecret", "description"}], "outputs": [...]}`, types as in `describe()`
///   (`STRING`, `DECIMAL`, `BOOLEAN`, …);
/// - `{"op": "invoke", "plugin", "element", "inputs": {...}}` → `{"outputs": {...}}`, or
///   `{"error": "message"}` to take the element's fault connector with that message.
///
/// A run that times out, is killed, exits non-zero, prints too much or prints something other
/// than such an object, or returns outputs that break the declared types, throws an
/// `ExternalPluginError`: the call's fault path with `$Flow.FaultMessage` set, or a located failure.
public struct ExternalPlugin: FlowPlugin {
    public let name: String
    let runner: CommandRunner
    let described: PluginDescription

    public func describe() -> PluginDescription { described }

    /// Runs the manifest entry's command once to learn what it takes and returns.
    public static func describing(
        _ entry: ExternalPluginManifest.Entry, environment: [String: String]
    ) async throws(ExternalPluginError) -> ExternalPlugin {
        var passed = ["PATH": environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        for name in entry.environment { passed[name] = environment[name] }
        let runner = CommandRunner(
            arguments: entry.command, directory: entry.directory, environment: passed,
            timeout: entry.timeoutSeconds, outputLimit: entry.maxOutputBytes)
        let answer = try await exchange(.object(["op": .string("describe")]), runner: runner, name: entry.name, mayShowOutput: true)
        let description: PluginDescription
        do {
            description = try DescribeAnswer.parse(answer, registeredAs: entry.name)
        } catch {
            throw ExternalPluginError("plug-in '\(entry.name)' described itself wrongly: \(error.description)")
        }
        return ExternalPlugin(name: entry.name, runner: runner, described: description)
    }

    public func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let inputs = request.inputs.mapValues(\.json)
        let message: JSONValue = .object([
            "op": .string("invoke"), "plugin": .string(name), "element": .string(context.elementName),
            "inputs": .object(inputs),
        ])
        let hasSecrets = (described.inputs + described.outputs).contains(where: \.isSecret)
        let answer = try await Self.exchange(message, runner: runner, name: name, mayShowOutput: !hasSecrets)
        if case .string(let error)? = answer["error"] {
            throw ExternalPluginError(error)
        }
        guard case .object(let outputs)? = answer["outputs"] else {
            throw ExternalPluginError(#"plug-in '\#(name)' answered without "outputs" or "error""#)
        }
        var result: [String: FlowValue] = [:]
        for (key, value) in outputs.sorted(by: { $0.key < $1.key }) {
            guard let parameter = described.output(named: key) else {
                let declared = described.outputs.map(\.name).joined(separator: ", ")
                throw ExternalPluginError("plug-in '\(name)' returned output '\(key)', which it does not declare (declared: \(declared))")
            }
            guard let converted = Self.value(value, as: parameter.type) else {
                throw ExternalPluginError(
                    "plug-in '\(name)' output '\(parameter.name)' must be \(parameter.type.rawValue) (\(Self.expected(parameter.type))), got \(Self.kind(value))"
                )
            }
            result[parameter.name] = converted
        }
        return PluginResult(result)
    }

    /// Sends one message and reads the one JSON object that comes back.
    /// `mayShowOutput`: whether a bad answer's first line may be quoted (never when secrets flow).
    private static func exchange(
        _ message: JSONValue, runner: CommandRunner, name: String, mayShowOutput: Bool
    ) async throws(ExternalPluginError) -> [String: JSONValue] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var input = (try? encoder.encode(message)) ?? Data()
        input.append(UInt8(ascii: "\n"))
        let outcome: CommandOutcome
        do {
            outcome = try await runner.run(input: input)
        } catch {
            switch error {
            case .cannotStart(let reason): throw ExternalPluginError("plug-in '\(name)' cannot start: \(reason)")
            case .timedOut(let seconds):
                throw ExternalPluginError("plug-in '\(name)' timed out after \(seconds.secondsText) s and was stopped")
            case .outputTooLarge(let limit): throw ExternalPluginError("plug-in '\(name)' printed more than \(limit) bytes and was stopped")
            }
        }
        switch outcome.ending {
        case .signalled(let signal):
            throw ExternalPluginError("plug-in '\(name)' was killed by signal \(signal)")
        case .exited(let status) where status != 0:
            let said = mayShowOutput ? firstLine(outcome.standardError).map { ": \($0)" } ?? "" : ""
            throw ExternalPluginError("plug-in '\(name)' exited with status \(status)\(said)")
        case .exited:
            break
        }
        guard case .object(let answer)? = try? JSONDecoder().decode(JSONValue.self, from: outcome.standardOutput) else {
            let shown = mayShowOutput ? firstLine(outcome.standardOutput).map { ", it printed: \($0)" } ?? ", it printed nothing" : ""
            throw ExternalPluginError("plug-in '\(name)' did not answer with a JSON object\(shown)")
        }
        return answer
    }

    private static func firstLine(_ data: Data) -> String? {
        let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        guard let line, !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    /// A JSON output as the declared type, strictly: numbers must be JSON numbers (whole for
    /// INTEGER and LONG), text must be text, dates and times ISO 8601 text.
    static func value(_ json: JSONValue, as type: PluginParameterType) -> FlowValue? {
        switch (type, json) {
        case (_, .null): return .null
        case (.string, .string(let text)), (.id, .string(let text)): return .string(text)
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.decimal, .number(let number)), (.double, .number(let number)), (.float, .number(let number)):
            return .number(number)
        case (.integer, .number(let number)), (.long, .number(let number)):
            var value = number
            var whole = Decimal()
            NSDecimalRound(&whole, &value, 0, .plain)
            return whole == number ? .number(number) : nil
        case (.date, .string(let text)), (.dateTime, .string(let text)), (.time, .string(let text)):
            return try? FlowValue.string(text).coerced(to: type.flowDataType)
        default:
            return nil
        }
    }

    private static func expected(_ type: PluginParameterType) -> String {
        switch type {
        case .string, .id: "text"
        case .boolean: "true or false"
        case .decimal, .double, .float: "a JSON number"
        case .integer, .long: "a whole JSON number"
        case .date: "text like 2024-05-01"
        case .dateTime: "text like 2024-05-01T09:30:00Z"
        case .time: "text like 09:30:00"
        }
    }

    /// What a JSON value is, without its content (it may be a secret).
    private static func kind(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension Double {
    /// `2` rather than `2.0`, `0.5` as it is.
    fileprivate var secondsText: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
