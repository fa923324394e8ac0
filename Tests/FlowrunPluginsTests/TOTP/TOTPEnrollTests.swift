import FlowrunCore
import FlowrunPlugins
import Testing

@Suite("TOTPEnroll")
struct TOTPEnrollTests {
    let plugin = TOTPEnrollPlugin()
    /// The random source yields RFC 4226's secret, so Secret and URI are known answers.
    let rfcSecretBytes = Array("12345678901234567890".utf8)

    @Test("20 random bytes become the Base32 secret and the otpauth URI, with the defaults")
    func defaults() async throws {
        let harness = TOTPHarness(random: FixedBytes(rfcSecretBytes))
        let result = try await harness.invoke(plugin, ["Account": "alice@example.com"])
        #expect(result.outputs["Secret"] == .string(TOTPFixtures.secret))
        #expect(
            result.outputs["URI"]
                == .string(
                    "otpauth://totp/flowrun:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=flowrun&algorithm=SHA1&digits=6&period=30"
                )
        )
        #expect(!harness.logs.text.contains("GEZDGNBV"))
    }

    @Test("Issuer, Algorithm and Digits are honoured")
    func options() async throws {
        let harness = TOTPHarness(random: FixedBytes(rfcSecretBytes))
        let result = try await harness.invoke(
            plugin, ["Account": "bob", "Issuer": "Acme Co", "Algorithm": "sha512", "Digits": 8]
        )
        #expect(
            result.outputs["URI"]
                == .string(
                    "otpauth://totp/Acme%20Co:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Acme%20Co&algorithm=SHA512&digits=8&period=30"
                )
        )
    }

    @Test("an enrolled secret verifies RFC 6238's SHA1 vector at t = 59")
    func enrolThenVerify() async throws {
        let enrolled = try await TOTPHarness(random: FixedBytes(rfcSecretBytes)).invoke(
            plugin, ["Account": "alice", "Digits": 8]
        )
        let secret = try #require(enrolled.outputs["Secret"])
        let checked = try await TOTPHarness(time: 59).invoke(
            TOTPVerifyPlugin(), ["Secret": secret, "Code": "94287082", "Digits": 8]
        )
        #expect(checked.outputs["Valid"] == .boolean(true))
        #expect(checked.outputs["AcceptedStep"] == .number(1))
    }

    @Test("a blank Account or a colon in the label is a fault")
    func faults() async throws {
        for inputs: [String: FlowValue] in [["Account": " "], ["Account": "a:b"], ["Account": "a", "Issuer": "x:y"]] {
            await #expect(throws: TOTPPluginError.self) {
                _ = try await TOTPHarness().invoke(plugin, inputs)
            }
        }
    }

    @Test("describe: Secret and URI are secret outputs")
    func describe() {
        let description = plugin.describe()
        #expect(
            description.inputs.map { "\($0.name):\($0.type.rawValue):\($0.required)" } == [
                "Account:STRING:true", "Issuer:STRING:false", "Algorithm:STRING:false", "Digits:INTEGER:false",
            ])
        #expect(description.outputs.map { "\($0.name):\($0.isSecret)" } == ["Secret:true", "URI:true"])
    }
}
