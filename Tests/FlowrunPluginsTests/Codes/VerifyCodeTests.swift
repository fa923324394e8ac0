import FlowrunCore
import FlowrunTestSupport
import Testing

@testable import FlowrunPlugins

@Suite("VerifyCode") struct VerifyCodeTests {
    /// sha256(bytes 00…0f ‖ "123456"), computed independently: `printf` the salt and code into `sha256sum`.
    static let hashOf123456 =
        "sha256$000102030405060708090a0b0c0d0e0f$99c90773ea9ce66a355bd6a2a6e55122c3caf5a164785c90b1d58c2d63bb8680"

    @Test func theHashFormatIsSaltedSHA256() {
        #expect(OneTimeCode.hash("123456", salt: Array(0..<16)) == Self.hashOf123456)
    }

    @Test func aHashMatchesItsCodeOnly() throws {
        let hash = OneTimeCode.hash("004217")
        #expect(hash.hasPrefix("sha256$"))
        #expect(!hash.contains("004217"))
        #expect(OneTimeCode.matches("004217", hash: hash) == true)
        #expect(OneTimeCode.matches("004218", hash: hash) == false)
        #expect(OneTimeCode.matches("4217", hash: hash) == false)
        // Two hashes of one code differ (fresh salt), and both match.
        let again = OneTimeCode.hash("004217")
        #expect(again != hash)
        #expect(OneTimeCode.matches("004217", hash: again) == true)
    }

    @Test func somethingThatIsNotAHashIsNotAMatchButAnError() {
        #expect(OneTimeCode.matches("123456", hash: "123456") == nil)
        #expect(OneTimeCode.matches("123456", hash: "md5$00$00") == nil)
        #expect(OneTimeCode.matches("123456", hash: "sha256$zz$00") == nil)
    }

    @Test(arguments: [
        ("123456", "ok", true), ("123457", "wrong code", false), ("12345", "malformed code", false),
        ("12a456", "malformed code", false), (" 123456 ", "ok", true),
    ])
    func thePlugInSaysWhy(code: String, reason: String, matches: Bool) async throws {
        let result = try await invoke(["CodeHash": .string(Self.hashOf123456), "Code": .string(code)])
        #expect(result.outputs == ["Matches": .boolean(matches), "Reason": .string(reason)])
    }

    @Test func noPendingCodeIsRefused() async throws {
        let result = try await invoke(["CodeHash": .null, "Code": "123456"])
        #expect(result.outputs == ["Matches": .boolean(false), "Reason": "no code pending"])
    }

    @Test func aCodeHashThatIsNotAHashFaultsWithoutRepeatingIt() async throws {
        let error = await #expect(throws: (any Error).self) {
            try await invoke(["CodeHash": "123456", "Code": "123456"])
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("the CodeHash input is not a code hash"))
        #expect(!"\(error.map { "\($0)" } ?? "")".contains("123456"))
    }

    @Test func theCodeNeverReachesTheLog() async throws {
        let logs = LogCapture()
        _ = try await VerifyCodePlugin().invoke(
            PluginRequest(inputs: ["CodeHash": .string(Self.hashOf123456), "Code": "123456"]),
            context: PluginContext(
                clock: SystemClock(), random: SystemRandomSource(), console: CapturedOutput(), logger: logs.logger(),
                elementName: "Verify_Code"))
        #expect(logs.text == "One-time code checked element=Verify_Code reason=ok")
    }

    @Test func theCodePlugInsReturnAHashOfTheCodeTheySent() async throws {
        let harness = SMSHarness()
        let result = try await SMSPlugin(transport: ConsoleSMSTransport()).invoke(
            PluginRequest(inputs: ["To": "+15555550100"]), context: harness.context)
        let code = try #require(result.outputs["VerificationCode"]?.stringValue)
        let hash = try #require(result.outputs["CodeHash"]?.stringValue)
        #expect(OneTimeCode.matches(code, hash: hash) == true)
        #expect(SMSPlugin(transport: ConsoleSMSTransport()).describe().output(named: "CodeHash")?.isSecret == true)
    }

    private func invoke(_ inputs: [String: FlowValue]) async throws -> PluginResult {
        try await VerifyCodePlugin().invoke(
            PluginRequest(inputs: inputs),
            context: PluginContext(
                clock: SystemClock(), random: SystemRandomSource(), console: CapturedOutput(),
                logger: LogCapture().logger(), elementName: "Verify_Code"))
    }
}
