import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Synchronization

/// A random source that hands out given bytes, so an enrolment secret is a known answer.
final class FixedBytes: RandomSource {
    private let bytes: [UInt8]
    private let index = Counter()

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func next() -> UInt64 { UInt64(bytes[index.next() % bytes.count]) }
}

/// A thread-safe counter (RandomSource must be Sendable).
final class Counter: Sendable {
    private let value = LockedValue(0)
    func next() -> Int {
        value.update { value in
            defer { value += 1 }
            return value
        }
    }
}

final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func update<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}

/// One TOTP plug-in call at a fixed time, with logs captured.
struct TOTPHarness {
    let logs = LogCapture()
    var clock = ManualClock(Date(timeIntervalSince1970: 0))
    var random: any RandomSource = SystemRandomSource()

    init(time: TimeInterval = 0, random: any RandomSource = SystemRandomSource()) {
        clock = ManualClock(Date(timeIntervalSince1970: time))
        self.random = random
    }

    var context: PluginContext {
        PluginContext(clock: clock, random: random, console: CapturedOutput(), logger: logs.logger(), elementName: "Check_Code")
    }

    func invoke(_ plugin: some FlowPlugin, _ inputs: [String: FlowValue]) async throws -> PluginResult {
        try await plugin.invoke(PluginRequest(inputs: inputs), context: context)
    }
}

enum TOTPFixtures {
    /// Base32 of RFC 4226's "12345678901234567890" (plugin-apis.md §4).
    static let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    /// With a 6-digit SHA1 TOTP over that secret, step n's code is RFC 4226's HOTP vector n.
    static let hotp: [UInt64: String] = [
        3: "969429", 4: "338314", 5: "254676", 6: "287922", 7: "162583",
    ]
    /// 10 s into step 5.
    static let now: TimeInterval = 5 * 30 + 10
}
