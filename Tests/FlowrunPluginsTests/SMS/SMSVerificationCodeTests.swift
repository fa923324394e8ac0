import FlowrunCore
import FlowrunPlugins
import Testing

@Suite("SMS verification code")
struct SMSVerificationCodeTests {
    let plugin = SMSPlugin(transport: ConsoleSMSTransport())

    @Test("a seeded run gives the same code every time")
    func seededCode() async throws {
        var harness = SMSHarness()
        harness.random = SeededRandomSource(seed: 42)
        let first = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to)])
        harness.random = SeededRandomSource(seed: 42)
        let second = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to)])
        #expect(first.verificationCode == "712308")
        #expect(second.verificationCode == first.verificationCode)
    }

    @Test("leading zeros are kept: six digits even when the number is small")
    func leadingZeros() async throws {
        var harness = SMSHarness()
        harness.random = ZeroesRandomSource()
        let outputs = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to)])
        #expect(outputs.verificationCode == "000000")
        #expect(harness.console.lines.contains("Message: Your verification code is: 000000"))
    }

    @Test("1000 codes from the system CSPRNG are all six ASCII digits, and vary")
    func manyCodes() async throws {
        var harness = SMSHarness()
        harness.random = SystemRandomSource()
        var codes: [String] = []
        for _ in 0..<1000 {
            let outputs = try await harness.invoke(plugin, ["To": .string(SMSFixtures.to)])
            codes.append(outputs.verificationCode ?? "")
        }
        let sixDigits = codes.filter { $0.utf8.count == 6 && $0.utf8.allSatisfy { (48...57).contains($0) } }
        #expect(sixDigits.count == 1000)
        // 1000 draws from 10^6 codes: a repeat is possible, hundreds of them are not.
        #expect(Set(codes).count > 990)
        // Each position sees every digit (a generator missing 0, as in TeleSign's sample, fails).
        for position in 0..<6 {
            let digits = Set(codes.map { Array($0)[position] })
            #expect(digits.count == 10, "position \(position) saw only \(digits.sorted())")
        }
    }
}

/// Always draws 1, the smallest value that maps to digit `0` without rejection (Lemire's
/// method rejects 0 for a bound of 10 and would draw again, forever).
private struct ZeroesRandomSource: RandomSource {
    func next() -> UInt64 { 1 }
}
