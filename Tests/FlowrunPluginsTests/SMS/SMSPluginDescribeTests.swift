import FlowrunCore
import FlowrunPlugins
import Testing

@Suite("SMS plug-in contract")
struct SMSPluginDescribeTests {
    let description = SMSPlugin(environment: [:]).describe()

    @Test("names, tag and description are the seed's")
    func header() {
        #expect(description.name == "SMS Plugin")
        #expect(description.tag == "Identity")
        #expect(description.description == "Two factor authentication with SMS")
    }

    @Test("inputs: the seed's five STRINGs and Vendor, only To required, Token secret")
    func inputs() {
        let shape = description.inputs.map { "\($0.name):\($0.type.rawValue):\($0.required):\($0.isSecret)" }
        #expect(
            shape == [
                "AccountSid:STRING:false:false",
                "Token:STRING:false:true",
                "To:STRING:true:false",
                "From:STRING:false:false",
                "Message:STRING:false:false",
                "Vendor:STRING:false:false",
            ]
        )
    }

    @Test("outputs: Status, secret VerificationCode and CodeHash, and StatusMessage")
    func outputs() {
        let shape = description.outputs.map { "\($0.name):\($0.type.rawValue):\($0.isSecret)" }
        #expect(shape == ["Status:STRING:false", "VerificationCode:STRING:true", "CodeHash:STRING:true", "StatusMessage:STRING:false"])
    }

    @Test("outputs are never required, and lookups ignore case as Apex does")
    func lookups() {
        #expect(description.outputs.allSatisfy { !$0.required })
        #expect(description.input(named: "accountsid")?.name == "AccountSid")
        #expect(description.output(named: "verificationcode")?.isSecret == true)
    }

    @Test("BuiltinPlugins registers it as SMSPlugin, the seed's apexClass, beside the other built-ins")
    func registry() {
        let registry = BuiltinPlugins.registry(environment: [:])
        #expect(
            registry.names == [
                "EmailCodePlugin", "SMSPlugin", "TOTPEnroll", "TOTPVerify", "VerifyCode", "VoiceCodePlugin", "emailSimple",
            ])
        #expect(registry.plugin(named: "smsplugin")?.describe().name == "SMS Plugin")
    }
}
