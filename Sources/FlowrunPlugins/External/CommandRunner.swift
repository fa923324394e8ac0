import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a finished command left behind.
struct CommandOutcome: Sendable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    var ending: Ending
    var standardOutput: Data
    var standardError: Data
}

/// Why a command gave no usable outcome.
enum CommandFailure: Error, Sendable, Equatable {
    case cannotStart(String)
    case timedOut(seconds: Double)
    case outputTooLarge(limit: Int)
}

/// Runs one command with bytes on its standard input, collecting its standard output and error,
/// with a deadline and a ceiling on how much it may print.
///
/// Foundation's `Process` starts the child in a process group of its own (POSIX_SPAWN_SETPGROUP),
/// so a command that overruns is killed with everything it started (`kill(-pid, SIGKILL)`),
/// a shell script's `sleep` included.
struct CommandRunner: Sendable {
    var arguments: [String]
    var directory: URL
    var environment: [String: String]
    var timeout: Double
    var outputLimit: Int

    /// Runs the command off the cooperative thread pool (it blocks on pipes and a semaphore).
    func run(input: Data) async throws(CommandFailure) -> CommandOutcome {
        let result: Result<CommandOutcome, CommandFailure> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(CommandFailure) in try runBlocking(input: input) })
            }
        }
        return try result.get()
    }

    private func runBlocking(input: Data) throws(CommandFailure) -> CommandOutcome {
        Self.ignoreBrokenPipes
        let process = Process()
        guard let executable = Self.executable(arguments.first ?? "", directory: directory, path: environment["PATH"]) else {
            throw .cannotStart("'\(arguments.first ?? "")' is not an executable file (looked in the manifest's folder and PATH)")
        }
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = directory
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw .cannotStart("\(error.localizedDescription)")
        }
        let group = process.processIdentifier
        let killGroup: @Sendable () -> Void = { _ = kill(-group, SIGKILL) }
        // Where the child is not a group leader (a Foundation without POSIX_SPAWN_SETPGROUP), the
        // group kill finds nothing: kill the command itself too, so a timeout never hangs.
        let killCommand: @Sendable () -> Void = {
            killGroup()
            _ = kill(group, SIGKILL)
        }

        // Write and read on their own threads: a command that does not read its input, or fills
        // a pipe before reading, must not stall flowrun.
        DispatchQueue.global().async {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let readers = DispatchGroup()
        let output = BoundedReader(stdout.fileHandleForReading, limit: outputLimit, onOverflow: killCommand)
        let errors = BoundedReader(stderr.fileHandleForReading, limit: outputLimit, onOverflow: killCommand)
        output.start(in: readers)
        errors.start(in: readers)

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            killCommand()
            exited.wait()
        }
        // A child the command left running may hold the pipes open: give the readers a moment,
        // then end the whole group so they see end-of-file.
        if readers.wait(timeout: .now() + 1) == .timedOut {
            killGroup()
            _ = readers.wait(timeout: .now() + 1)
        }
        if timedOut { throw .timedOut(seconds: timeout) }
        if output.overflowed || errors.overflowed { throw .outputTooLarge(limit: outputLimit) }
        let ending: CommandOutcome.Ending =
            process.terminationReason == .uncaughtSignal
            ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
        return CommandOutcome(ending: ending, standardOutput: output.data, standardError: errors.data)
    }

    /// `name` as the command's first word: a path (relative to the manifest's folder) when it has
    /// a slash, otherwise looked up in PATH.
    static func executable(_ name: String, directory: URL, path: String?) -> URL? {
        guard !name.isEmpty else { return nil }
        let candidates: [URL]
        if name.contains("/") {
            candidates = [name.hasPrefix("/") ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name)]
        } else {
            let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
            candidates = folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Writing to a command that has exited must be an error to handle, not a signal that ends flowrun.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}

/// Reads a pipe to its end on a thread of its own, keeping at most `limit` bytes.
private final class BoundedReader: Sendable {
    private struct State {
        var data = Data()
        var overflowed = false
    }

    private let handle: FileHandle
    private let limit: Int
    private let onOverflow: @Sendable () -> Void
    private let state = Mutex(State())

    init(_ handle: FileHandle, limit: Int, onOverflow: @escaping @Sendable () -> Void) {
        self.handle = handle
        self.limit = limit
        self.onOverflow = onOverflow
    }

    var data: Data { state.withLock { $0.data } }
    var overflowed: Bool { state.withLock { $0.overflowed } }

    func start(in group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async { [self] in
            defer { group.leave() }
            while let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
                let fits = state.withLock { state in
                    guard state.data.count + chunk.count <= limit else {
                        state.overflowed = true
                        return false
                    }
                    state.data.append(chunk)
                    return true
                }
                if !fits {
                    onOverflow()
                    return
                }
            }
        }
    }
}
