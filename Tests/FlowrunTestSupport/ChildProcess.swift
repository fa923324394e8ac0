import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program a test starts (a `flowrun serve`, chromedriver, an SMTP server) that is ended however
/// the test ends: by ``stop(grace:)``, by ``kill(_:)``, when the value is released, and when the
/// test process itself dies.
///
/// The child leads a process group of its own (Foundation's `Process` starts every child in a new
/// group on Linux), so signals go to the group and reach what the child started too, such as the
/// Chromium that chromedriver runs. A test that throws or fails an expectation releases the value
/// and its `deinit` ends the group. A test process that crashes or is killed runs no `deinit`, so
/// each child also gets a watchdog: a shell in its group that reads the child's standard input, a
/// pipe whose only writer is this process. The kernel closes that pipe when this process ends,
/// however it ends, and the watchdog then kills the group. Linux's `PR_SET_PDEATHSIG` would need
/// code between `fork` and `exec`, which `Process` does not offer, and fires when the spawning
/// *thread* ends, which a pool thread may do at any time.
///
/// The child reads the same standard input: nothing is ever written to it, and it reaches end of
/// file when the test ends the child (the SMTP test server stops on that).
// Unchecked: `process` and `lifeline` are set once in init; `Process` may be queried and the
// group signalled from any thread, and ending it twice is harmless.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    /// The watchdog's pipe: the child's standard input. Only this process holds the write end
    /// (`Process` closes every other descriptor in the children it starts).
    private let lifeline = Pipe()

    /// The shell that arms the watchdog and then becomes the child (`exec`, same pid). `$$` in the
    /// watchdog is that pid: `kill -9 -$$` reaches the child's group only if the child leads one,
    /// and never the test's own group. (dash, Debian's sh, takes neither `--` nor `-s KILL` before
    /// a negative pid.) Its arguments are the program and the program's arguments.
    package static let launcher = """
        exec 3<&0
        (while read -r _ <&3; do :; done; kill -9 -$$ 2>/dev/null || kill -9 $$) &
        exec "$@" 3<&-
        """

    /// Starts `executable` with `arguments`. `environment` replaces the test's environment when
    /// given; output goes where `standardOutput` and `standardError` say (a `Pipe` or `FileHandle`).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardOutput: Any? = FileHandle.nullDevice, standardError: Any? = FileHandle.nullDevice
    ) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", Self.launcher, "flowrun-test-child", executable] + arguments
        if let environment { process.environment = environment }
        process.standardInput = lifeline
        process.standardOutput = standardOutput
        process.standardError = standardError
        try runWithNoSignalBlocked()
    }

    /// Starts the process with an empty signal mask. The test process's threads (Dispatch's, the
    /// cooperative pool's) block nearly every signal, and a spawned process inherits the mask of
    /// the thread that spawned it: SIGTERM would never reach the child. `run()` spawns on the
    /// calling thread, so the mask is cleared on this thread just for that call.
    private func runWithNoSignalBlocked() throws {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var terminationStatus: Int32 { process.terminationStatus }

    /// Sends `signal` to the child's process group and waits for the child to exit.
    public func kill(_ signal: Int32 = SIGKILL) {
        guard launched else { return }
        signalGroup(signal)
        process.waitUntilExit()
        endLifeline()
    }

    /// Asks the child's group to end (SIGTERM) and kills it if the child is still running after
    /// `grace`; then kills whatever of the group is left and waits for the child.
    public func stop(grace: Duration = .seconds(5)) {
        guard launched else { return }
        if process.isRunning {
            signalGroup(SIGTERM)
            let deadline = ContinuousClock.now + grace
            while process.isRunning && !Self.hasExited(process.processIdentifier) && ContinuousClock.now < deadline {
                usleep(20_000)
            }
        }
        // Also when the child has exited: what it started may still run in its group.
        signalGroup(SIGKILL)
        process.waitUntilExit()
        endLifeline()
    }

    deinit { stop(grace: .seconds(2)) }

    /// Whether the kernel says `pid` has exited (gone, or a zombie not yet reaped). Foundation's
    /// `isRunning` learns it from a monitor that, now and then, notices late: the loop above once
    /// waited out a whole grace period for a child that had exited at once.
    private static func hasExited(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // `pid (comm) state …`: the state follows the last closing parenthesis.
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// False when `run()` threw: there is nothing to end or wait for.
    private var launched: Bool { process.processIdentifier > 0 }

    private func signalGroup(_ signal: Int32) {
        let pid = process.processIdentifier
        // The group has the child's pid as its id; if there is none, signal the child alone.
        if Foundation.kill(-pid, signal) != 0 && process.isRunning { _ = Foundation.kill(pid, signal) }
    }

    /// Closes this process's end of the watchdog's pipe: a watchdog still running (its group
    /// ended otherwise) then kills what is left of the group, itself included.
    private func endLifeline() {
        try? lifeline.fileHandleForWriting.close()
    }
}
