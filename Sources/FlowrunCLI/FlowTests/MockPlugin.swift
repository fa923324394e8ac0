import FlowrunCore
import Synchronization

/// Stands in for a plug-in in a flow test: the real plug-in's `describe()`, scripted answers.
final class MockPlugin: FlowPlugin {
    struct ScriptedFault: Error, CustomStringConvertible {
        var description: String
    }

    private let description: PluginDescription
    private let answers: [FlowTestCase.MockAnswer]
    private let calls = Mutex(0)

    init(describing original: PluginDescription, answers: [FlowTestCase.MockAnswer]) {
        description = original
        self.answers = answers
    }

    func describe() -> PluginDescription { description }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        let index = calls.withLock { count in
            defer { count += 1 }
            return count
        }
        guard let answer = answers.isEmpty ? nil : answers[min(index, answers.count - 1)] else {
            return PluginResult()
        }
        if let fault = answer.fault { throw ScriptedFault(description: fault) }
        return PluginResult((answer.outputs ?? [:]).mapValues { FlowValue(json: $0) })
    }
}
