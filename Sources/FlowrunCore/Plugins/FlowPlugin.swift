import Foundation
import Logging

/// A Swift type a flow can call, modelled on Apex's `Process.Plugin`: it describes its typed
/// inputs and outputs, and is invoked with the inputs a flow element gives it.
///
/// One plug-in serves both `<apexPluginCalls>` (by `<apexClass>`) and `<actionCalls>`
/// (by `<actionName>`), under the name it is registered with.
public protocol FlowPlugin: Sendable {
    /// What the plug-in takes and returns. The validator checks every call against it.
    func describe() -> PluginDescription

    /// Does the work. Throwing routes the flow to the element's fault connector, with the
    /// error's description as `$Flow.FaultMessage`; a plug-in must never put secrets in it.
    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult
}

/// The types a plug-in parameter can have (`Process.PluginDescribeResult.ParameterType`).
public enum PluginParameterType: String, Sendable, Codable, CaseIterable {
    case boolean = "BOOLEAN"
    case date = "DATE"
    case dateTime = "DATETIME"
    case decimal = "DECIMAL"
    case double = "DOUBLE"
    case float = "FLOAT"
    case id = "ID"
    case integer = "INTEGER"
    case long = "LONG"
    case string = "STRING"
    case time = "TIME"

    /// The flow data type a value of this parameter type has in a flow.
    public var flowDataType: FlowDataType {
        switch self {
        case .boolean: .boolean
        case .date: .date
        case .dateTime: .dateTime
        case .decimal, .double, .float, .integer, .long: .number
        case .id, .string: .string
        case .time: .time
        }
    }
}

/// One input or output of a plug-in.
public struct PluginParameter: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var type: PluginParameterType
    /// Inputs only: the call must give a value.
    public var required: Bool
    /// The value is a credential or a one-time code: traces and logs show it masked.
    public var isSecret: Bool
    /// Takes or returns a collection of `type` (an invocable action's `List<…>` parameter).
    public var isCollection: Bool = false

    public init(
        _ name: String, _ type: PluginParameterType, required: Bool = false, isSecret: Bool = false,
        isCollection: Bool = false, description: String = ""
    ) {
        self.isCollection = isCollection
        self.name = name
        self.description = description
        self.type = type
        self.required = required
        self.isSecret = isSecret
    }
}

/// What `describe()` returns (`Process.PluginDescribeResult`).
public struct PluginDescription: Sendable, Hashable, Codable {
    public var name: String
    public var tag: String
    public var description: String
    public var inputs: [PluginParameter]
    public var outputs: [PluginParameter]
    /// The plug-in reaches another system over the network (Apex's `@InvocableMethod(callout=true)`):
    /// it runs outside the flow's database transaction, after what came before it has committed,
    /// so a slow vendor never holds a lock (`Execution+Transactions`).
    public var callsOut: Bool

    public init(
        name: String, tag: String, description: String, inputs: [PluginParameter], outputs: [PluginParameter],
        callsOut: Bool = false
    ) {
        self.name = name
        self.tag = tag
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
        self.callsOut = callsOut
    }

    private enum CodingKeys: String, CodingKey {
        case name, tag, description, inputs, outputs, callsOut
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        tag = try container.decode(String.self, forKey: .tag)
        description = try container.decode(String.self, forKey: .description)
        inputs = try container.decode([PluginParameter].self, forKey: .inputs)
        outputs = try container.decode([PluginParameter].self, forKey: .outputs)
        // Descriptions written before the flag existed are of plug-ins that stay in process.
        callsOut = try container.decodeIfPresent(Bool.self, forKey: .callsOut) ?? false
    }

    public func input(named name: String) -> PluginParameter? {
        // ASCII names compared without Foundation, whose comparison goes through NSString on Linux.
        inputs.first { FlowRecord.sameIgnoringCase($0.name, name) }
    }

    public func output(named name: String) -> PluginParameter? {
        outputs.first { FlowRecord.sameIgnoringCase($0.name, name) }
    }
}

/// The inputs of one call (`Process.PluginRequest.inputParameters`), converted to the declared types.
public struct PluginRequest: Sendable, Hashable {
    public var inputs: [String: FlowValue]

    public init(inputs: [String: FlowValue]) { self.inputs = inputs }

    /// The input's value, or null when the call did not give it.
    public subscript(name: String) -> FlowValue { inputs[name] ?? .null }

    /// The input as text, or nil when it is absent, null or blank.
    public func text(_ name: String) -> String? {
        guard let text = inputs[name]?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}

/// The outputs of one call (`Process.PluginResult.outputParameters`).
public struct PluginResult: Sendable, Hashable {
    public var outputs: [String: FlowValue]

    public init(_ outputs: [String: FlowValue] = [:]) { self.outputs = outputs }
}

/// What the interpreter lends a plug-in for one call.
public struct PluginContext: Sendable {
    public var clock: any FlowClock
    public var random: any RandomSource
    public var console: any ConsoleOutput
    public var logger: Logger
    /// The element making the call, for messages.
    public var elementName: String
    /// The interview's record store, for actions that record what they did (a Chatter post).
    public var records: (any RecordAccess)?

    public init(
        clock: any FlowClock, random: any RandomSource, console: any ConsoleOutput, logger: Logger,
        elementName: String, records: (any RecordAccess)? = nil
    ) {
        self.records = records
        self.clock = clock
        self.random = random
        self.console = console
        self.logger = logger
        self.elementName = elementName
    }
}
