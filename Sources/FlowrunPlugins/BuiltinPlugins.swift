import FlowrunCore

/// The plug-ins flowrun ships, under the names flows call them by.
public enum BuiltinPlugins {
    /// A registry holding every built-in plug-in, configured from `environment`
    /// (pass `ProcessInfo.processInfo.environment`).
    public static func registry(environment: [String: String]) -> PluginRegistry {
        var registry = PluginRegistry()
        register(into: &registry, environment: environment)
        return registry
    }

    /// Adds the built-in plug-ins to an existing registry (a custom runner's own come first or last,
    /// as it likes: a later registration under the same name wins).
    public static func register(into registry: inout PluginRegistry, environment: [String: String]) {
        // The `<apexClass>` of the Salesforce SMS two-factor login flow.
        registry.register(SMSPlugin(environment: environment), as: "SMSPlugin")
        // The same contract, with the code read aloud by a phone call.
        registry.register(VoiceCodePlugin(environment: environment), as: "VoiceCodePlugin")
        // Authenticator-app codes: enrol once, then verify at each login.
        registry.register(TOTPEnrollPlugin(), as: "TOTPEnroll")
        registry.register(TOTPVerifyPlugin(), as: "TOTPVerify")
        // The same contract by email, for users with no phone; and the comparison the hardened
        // flows use instead of a Decision on the plain code.
        registry.register(EmailCodePlugin(environment: environment), as: "EmailCodePlugin")
        registry.register(VerifyCodePlugin(), as: "VerifyCode")
        // Salesforce's standard Send Email action, for `<actionCalls>` of type emailSimple.
        registry.register(EmailSimplePlugin(environment: environment), as: "emailSimple")
    }
}
