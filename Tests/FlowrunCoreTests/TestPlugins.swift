import FlowrunCore

/// A plug-in with the seed SMS plug-in's contract, for checking calls without sending anything.
struct FakeSMSPlugin: FlowPlugin {
    func describe() -> PluginDescription {
        PluginDescription(
            name: "SMS Plugin", tag: "Identity", description: "Two factor authentication with SMS",
            inputs: [
                PluginParameter("AccountSid", .string), PluginParameter("Token", .string, isSecret: true),
                PluginParameter("To", .string, required: true), PluginParameter("From", .string),
                PluginParameter("Message", .string),
            ],
            outputs: [PluginParameter("Status", .string), PluginParameter("VerificationCode", .string, isSecret: true)])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        PluginResult(["Status": "queued", "VerificationCode": .string(context.random.digits(6))])
    }
}

/// Fails every call with a fixed message, to exercise fault paths.
struct FailingPlugin: FlowPlugin {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "the vendor is down" }
    }

    func describe() -> PluginDescription {
        PluginDescription(name: "Failing", tag: "Test", description: "Always fails", inputs: [], outputs: [])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        throw Failure()
    }
}

extension PluginRegistry {
    static var testPlugins: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(FakeSMSPlugin(), as: "SMSPlugin")
        registry.register(FailingPlugin(), as: "FailingPlugin")
        return registry
    }
}
