import Foundation

/// A program run to its end by the benchmark: how long it took and its peak memory, as the
/// kernel counts them for the child alone (`wait4`'s rusage: what `/usr/bin/time -v` prints).
struct ProcessRun {
    var seconds: Double
    /// User and system CPU time of the child.
    var cpuSeconds: Double
    /// Peak resident set size, in bytes. Only meaningful through `peakMemory`: `posix_spawn`
    /// runs the child in the parent's address space until it execs, so the kernel's figure for it
    /// starts at the benchmark's own size.
    var maximumResidentBytes: Int
    var status: Int32
    var output: String

    /// Runs `arguments[0]` (a path) with the rest as its arguments; standard input is empty,
    /// standard output is kept when `capture` (else discarded), standard error is discarded.
    static func run(_ arguments: [String], capture: Bool = false, environment: [String: String] = [:]) throws -> ProcessRun {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if capture {
            guard pipe(&ends) == 0 else { throw BenchmarkFailure("pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            posix_spawn_file_actions_addclose(&actions, ends[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        var child: pid_t = 0
        let spawned = posix_spawn(&child, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchmarkFailure("cannot run \(arguments[0]): error \(spawned)") }
        var output = Data()
        if capture {
            close(ends[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(ends[0], &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                output.append(contentsOf: buffer[0..<count])
            }
            close(ends[0])
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0, errno == EINTR {}
        let elapsed = clock.now - start
        let cpu = usage.ru_utime.seconds + usage.ru_stime.seconds
        return ProcessRun(
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, cpuSeconds: cpu,
            maximumResidentBytes: usage.ru_maxrss * 1024, status: (status >> 8) & 0xFF,
            output: String(decoding: output, as: UTF8.self))
    }

    /// The median wall time of `runs` runs, after one to warm the page cache.
    static func medianSeconds(_ arguments: [String], runs: Int) throws -> Double {
        try medians(arguments, runs: runs).wall
    }

    /// The median wall and CPU times of `runs` runs, after one to warm the page cache.
    static func medians(_ arguments: [String], runs: Int) throws -> (wall: Double, cpu: Double) {
        _ = try run(arguments)
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let run = try run(arguments)
            wall.append(run.seconds)
            cpu.append(run.cpuSeconds)
        }
        wall.sort()
        cpu.sort()
        return (wall[wall.count / 2], cpu[cpu.count / 2])
    }

    /// The peak RSS of `arguments` run under `/usr/bin/time` (a small process of its own, so the
    /// figure is the program's alone), in bytes; nil when `/usr/bin/time` is missing.
    static func peakMemory(_ arguments: [String]) throws -> (bytes: Int, run: ProcessRun)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-bench-time-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let run = try run(["/usr/bin/time", "-f", "%M", "-o", report] + arguments)
        let kilobytes = (try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) }
        return kilobytes.map { ($0 * 1024, run) }
    }

    /// The full path of `program` on `PATH`, if it is there.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}
