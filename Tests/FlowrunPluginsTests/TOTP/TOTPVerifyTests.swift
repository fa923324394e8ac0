import FlowrunCore
import FlowrunPlugins
import Foundation
import Testing

@Suite("TOTPVerify: drift window, replay, malformed codes")
struct TOTPVerifyTests {
    let plugin = TOTPVerifyPlugin()

    struct Outputs: Equatable, CustomStringConvertible {
        var valid: Bool?
        var acceptedStep: Decimal?
        var reason: String?
        var description: String { "\(valid.map(String.init) ?? "nil") \(acceptedStep.map { "\($0)" } ?? "nil") \(reason ?? "nil")" }
    }

    func verify(
        _ code: String, lastAccepted: FlowValue = .null, at time: TimeInterval = TOTPFixtures.now,
        harness: TOTPHarness? = nil
    ) async throws -> Outputs {
        let harness = harness ?? TOTPHarness(time: time)
        let result = try await harness.invoke(
            plugin, ["Secret": .string(TOTPFixtures.secret), "Code": .string(code), "LastAcceptedStep": lastAccepted]
        )
        return Outputs(
            valid: result.outputs["Valid"]?.booleanValue, acceptedStep: result.outputs["AcceptedStep"]?.numberValue,
            reason: result.outputs["Reason"]?.stringValue
        )
    }

    @Test("the current step's code is accepted, and the step is returned")
    func current() async throws {
        #expect(try await verify("254676") == Outputs(valid: true, acceptedStep: 5, reason: "ok"))
    }

    @Test("a clock 30 s behind or ahead is accepted (T−1 and T+1)")
    func oneStepDrift() async throws {
        #expect(try await verify("338314") == Outputs(valid: true, acceptedStep: 4, reason: "ok"))
        #expect(try await verify("287922") == Outputs(valid: true, acceptedStep: 6, reason: "ok"))
    }

    @Test("a clock 60 s behind or ahead is refused (T−2 and T+2)")
    func twoStepsDrift() async throws {
        #expect(try await verify("969429") == Outputs(valid: false, acceptedStep: nil, reason: "wrong code"))
        #expect(try await verify("162583") == Outputs(valid: false, acceptedStep: nil, reason: "wrong code"))
    }

    @Test("the same code twice: the second is refused as a replay, the stored step unchanged")
    func replay() async throws {
        let first = try await verify("254676")
        #expect(first.valid == true)
        let second = try await verify("254676", lastAccepted: .number(try #require(first.acceptedStep)))
        #expect(second == Outputs(valid: false, acceptedStep: 5, reason: "code already used"))
    }

    @Test("after step 5 was used, the older step-4 code is refused too; step 6's is still fine")
    func olderCodeAfterUse() async throws {
        #expect(try await verify("338314", lastAccepted: 5) == Outputs(valid: false, acceptedStep: 5, reason: "code already used"))
        #expect(try await verify("287922", lastAccepted: 5) == Outputs(valid: true, acceptedStep: 6, reason: "ok"))
        #expect(try await verify("254676", lastAccepted: 4) == Outputs(valid: true, acceptedStep: 5, reason: "ok"))
    }

    @Test("a wrong code keeps the old step")
    func wrong() async throws {
        #expect(try await verify("000000", lastAccepted: 3) == Outputs(valid: false, acceptedStep: 3, reason: "wrong code"))
    }

    @Test("malformed codes", arguments: ["", "25467", "2546761", "25467a", "２５４６７６", "254-676"])
    func malformed(code: String) async throws {
        #expect(try await verify(code) == Outputs(valid: false, acceptedStep: nil, reason: "malformed code"))
    }

    @Test("spaces as authenticator apps show them are ignored")
    func spaced() async throws {
        #expect(try await verify("254 676") == Outputs(valid: true, acceptedStep: 5, reason: "ok"))
    }

    @Test("RFC 6238 SHA256, 8 digits, through the plug-in's Algorithm and Digits inputs")
    func sha256() async throws {
        let harness = TOTPHarness(time: 1_111_111_109)
        let result = try await harness.invoke(
            plugin,
            [
                // seed32, Base32 with its padding, as plugin-apis.md §4 gives it.
                "Secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====", "Code": "68084774",
                "Algorithm": "SHA256", "Digits": 8,
            ]
        )
        #expect(result.outputs["Valid"] == .boolean(true))
        #expect(result.outputs["AcceptedStep"] == .number(37_037_036))
    }

    @Test("a misconfigured call throws without quoting the secret")
    func faults() async throws {
        let cases: [([String: FlowValue], String)] = [
            (["Secret": "not base32!", "Code": "123456"], "the Secret input is not Base32"),
            (
                ["Secret": .string(TOTPFixtures.secret), "Code": "123456", "Algorithm": "MD5"],
                "the Algorithm input \"MD5\" is not SHA1, SHA256 or SHA512"
            ),
            (["Secret": .string(TOTPFixtures.secret), "Code": "123456", "Digits": 9], "the Digits input 9 is not 6, 7 or 8"),
            (
                ["Secret": .string(TOTPFixtures.secret), "Code": "123456", "LastAcceptedStep": .number(Decimal(25) / 10)],
                "the LastAcceptedStep input 2.5 is not a whole number"
            ),
        ]
        for (inputs, message) in cases {
            do {
                _ = try await TOTPHarness(time: TOTPFixtures.now).invoke(plugin, inputs)
                Issue.record("expected a fault for \(message)")
            } catch {
                #expect("\(error)" == message)
                #expect(!"\(error)".contains(TOTPFixtures.secret))
            }
        }
    }

    @Test("neither the secret nor the code is logged; the reason is")
    func logs() async throws {
        let harness = TOTPHarness(time: TOTPFixtures.now)
        for code in ["254676", "000000"] {
            _ = try await verify(code, harness: harness)
        }
        #expect(harness.logs.entries.map { $0.metadata["reason"] } == ["ok", "wrong code"])
        #expect(!harness.logs.text.contains("254676"))
        #expect(!harness.logs.text.contains(TOTPFixtures.secret))
    }

    @Test("describe: secret inputs, typed outputs")
    func describe() {
        let description = plugin.describe()
        #expect(
            description.inputs.map { "\($0.name):\($0.type.rawValue):\($0.required):\($0.isSecret)" } == [
                "Secret:STRING:true:true", "Code:STRING:true:true", "LastAcceptedStep:INTEGER:false:false",
                "Algorithm:STRING:false:false", "Digits:INTEGER:false:false",
            ])
        #expect(
            description.outputs.map { "\($0.name):\($0.type.rawValue)" } == [
                "Valid:BOOLEAN", "AcceptedStep:INTEGER", "Reason:STRING",
            ])
    }
}
