import Foundation
import Synchronization

/// Where `$Flow.CurrentDateTime` and code expiry get the time. Injected so tests fix it.
public protocol FlowClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemClock: FlowClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that says what it is told to: tests set and advance it.
public final class ManualClock: FlowClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}

/// Another clock moved by a fixed amount: what a plug-in sees after a wait moved the interview's time.
struct ShiftedClock: FlowClock {
    let base: any FlowClock
    let shift: TimeInterval

    func now() -> Date { base.now().addingTimeInterval(shift) }
}

/// Where one-time codes and GUIDs get their randomness. A CSPRNG by default; seeded in tests
/// so a run replays bit for bit.
public protocol RandomSource: Sendable {
    func next() -> UInt64
    /// `count` decimal digits, each uniform: a one-time code (`"004217"`), leading zeros kept.
    func digits(_ count: Int) -> String
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

extension RandomSource {
    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    public func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var generator = Adapter(source: self)
        return UInt64.random(in: 0..<bound, using: &generator)
    }

    /// One draw per digit: how seeded runs have always made their codes, so a seed replays the
    /// same codes as before.
    public func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(uniform(below: 10))) })
    }

    /// One draw per byte, for the same reason.
    public func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

private struct Adapter<Source: RandomSource>: RandomNumberGenerator {
    let source: Source
    mutating func next() -> UInt64 { source.next() }
}

/// The operating system's CSPRNG (`SystemRandomNumberGenerator`: getrandom(2) on Linux).
///
/// Every draw is a system call, so codes and bytes are made from as few draws as they need
/// rather than one per digit or byte: a whole code is one uniform number below 10^count (one
/// draw, and another only when Lemire's method rejects one to avoid modulo bias), bytes are
/// eight to a draw. That was a sixth of an in-memory SMS interview's time.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func next() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    public func digits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        var left = count
        while left > 0 {
            // 10^19 is the largest power of ten below 2^64.
            let chunk = min(left, 19)
            var bound: UInt64 = 1
            for _ in 0..<chunk { bound *= 10 }
            let number = String(UInt64.random(in: 0..<bound, using: &generator))
            text += String(repeating: "0", count: chunk - number.count) + number
            left -= chunk
        }
        return text
    }

    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            var word = generator.next()
            for _ in 0..<min(8, count - result.count) {
                result.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return result
    }
}

/// A deterministic generator (SplitMix64) for tests and reproducible runs. Never for real codes.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>

    public init(seed: UInt64) { state = Mutex(seed) }

    public func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// Where the development transports and the terminal front-end write what a person should read.
public protocol ConsoleOutput: Sendable {
    func write(_ line: String)
}

/// Standard output.
public struct StandardOutput: ConsoleOutput {
    public init() {}
    public func write(_ line: String) {
        // Unbuffered: a prompt or a development SMS must show before the program waits for input.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Keeps every line, for tests and for front-ends that show them later.
public final class CapturedOutput: ConsoleOutput {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func write(_ line: String) { storage.withLock { $0.append(line) } }

    public var lines: [String] { storage.withLock { $0 } }
}
