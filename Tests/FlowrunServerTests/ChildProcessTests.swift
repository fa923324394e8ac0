import FlowrunTestSupport
import Foundation
import Testing

/// The processes tests start end with the test, and what they start ends with them.
@Suite struct ChildProcessTests {
    /// A shell that starts a long `sleep` (a grandchild of the test), prints its pid and waits.
    static let parentOfASleep = ["-c", "sleep 60 & echo $!; wait"]

    /// Reads the first line `output` receives.
    static func firstLine(of output: Pipe) -> String {
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `pid` is gone: no such process, or a zombie waiting for init to reap it.
    static func isGone(_ pid: Int32) async throws -> Bool {
        for _ in 0..<100 {
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
                .split(separator: ")").last?.split(separator: " ").first
            if state == nil || state == "Z" { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func releasingAChildEndsWhatItStarted() async throws {
        let output = Pipe()
        var child: ChildProcess? = try ChildProcess("/bin/sh", Self.parentOfASleep, standardOutput: output)
        let sleep = try #require(Int32(Self.firstLine(of: output)))
        #expect(child?.isRunning == true)
        child = nil
        #expect(try await Self.isGone(sleep))
    }

    @Test func killSignalsTheWholeGroupAndWaits() async throws {
        let output = Pipe()
        let child = try ChildProcess("/bin/sh", Self.parentOfASleep, standardOutput: output)
        let sleep = try #require(Int32(Self.firstLine(of: output)))
        child.kill(SIGKILL)
        #expect(!child.isRunning)
        #expect(child.terminationStatus == SIGKILL)
        #expect(try await Self.isGone(sleep))
    }

    /// SIGTERM reaches the child (the test's threads block it, and a child would inherit that).
    @Test func stopAsksWithSIGTERMFirst() throws {
        let output = Pipe()
        let child = try ChildProcess(
            "/bin/sh", ["-c", "trap 'exit 7' TERM; echo ready; sleep 60 & wait"], standardOutput: output)
        #expect(Self.firstLine(of: output) == "ready")
        child.stop(grace: .seconds(30))
        // 7 is the trap's: SIGTERM reached the child before any SIGKILL (which would give 9).
        #expect(child.terminationStatus == 7)
    }

    /// What the kernel does when the test process dies: the watchdog's pipe loses its last writer.
    /// Here a plain `Process` runs the launcher and the test closes the pipe itself.
    @Test func theWatchdogKillsTheGroupWhenThePipeCloses() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", ChildProcess.launcher, "flowrun-test-child", "/bin/sh"] + Self.parentOfASleep
        let lifeline = Pipe()
        let output = Pipe()
        process.standardInput = lifeline
        process.standardOutput = output
        try process.run()
        let sleep = try #require(Int32(Self.firstLine(of: output)))
        let closed = ContinuousClock.now
        try lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
        // At once, not when the sleep ends by itself.
        #expect(ContinuousClock.now - closed < .seconds(10))
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(try await Self.isGone(sleep))
    }
}
