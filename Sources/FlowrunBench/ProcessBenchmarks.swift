import Foundation

/// The measures of issue 13 that need whole processes or other programs: start-up beside
/// xmllint, `flowrun check`'s peak memory beside xmllint's, the counted loop from the CLI at two
/// sizes beside a native Swift dispatch loop, SpiffWorkflow beside flowrun's interview rate, and
/// `flowrun serve` under wrk. Each is skipped, with a note saying why, when what it needs is missing.
struct ProcessBenchmarks {
    var root: URL
    var quick: Bool
    /// `flowrun`, built beside this benchmark (`swift build -c release --product flowrun`).
    var flowrun: String

    init(root: URL, quick: Bool) {
        self.root = root
        self.quick = quick
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        flowrun = here.appendingPathComponent("flowrun").path
    }

    func run(flowrunInterviewsPerSecond: Double) throws {
        guard FileManager.default.isExecutableFile(atPath: flowrun) else {
            print("\n(no \(flowrun): build it with `swift build -c release --product flowrun` for start-up, memory, the counted loop and serve)")
            try spiff(flowrunInterviewsPerSecond: flowrunInterviewsPerSecond)
            return
        }
        try startUp()
        try peakMemory()
        try countedLoop()
        try spiff(flowrunInterviewsPerSecond: flowrunInterviewsPerSecond)
        try serve()
    }

    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Whole processes, from spawn to exit: the figure a user waits for.
    func startUp() throws {
        let runs = quick ? 5 : 21
        let flow = path("flows/sms2fa.xml")
        var rows: [[String]] = []
        let xmllint = ProcessRun.which("xmllint")
        let bound = try xmllint.map { try ProcessRun.medians([$0, "--noout", flow], runs: runs) }
        func row(_ name: String, _ times: (wall: Double, cpu: Double)) -> [String] {
            [
                name, milliseconds(times.wall), milliseconds(times.cpu),
                bound.map { String(format: "%.1f× / %.1f×", times.wall / $0.wall, times.cpu / $0.cpu) } ?? "—",
            ]
        }
        rows.append(row("flowrun --help", try ProcessRun.medians([flowrun, "--help"], runs: runs)))
        rows.append(row("flowrun check flows/sms2fa.xml", try ProcessRun.medians([flowrun, "check", flow], runs: runs)))
        if let xmllint, let bound { rows.append(row("\(xmllint) --noout flows/sms2fa.xml", bound)) }
        print("\n## Process start-up (median of \(runs) runs, spawn to exit; goal: check ≤ 10 ms)\n")
        print(table(["what", "wall time", "CPU time (user + system)", "vs xmllint (wall / CPU)"], rows))
        if xmllint == nil { print("\n(xmllint is not installed, `apt-get install libxml2-utils`: no bound shown)") }
    }

    /// `flowrun check` of a generated 9.8 MB flow: the kernel's peak RSS for the process.
    func peakMemory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Large.flow-meta.xml")
        try Data(LargeFlow.xml(elements: 12_500).utf8).write(to: file)
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 1
        guard let check = try ProcessRun.peakMemory([flowrun, "check", file.path]) else {
            print("\n(peak memory skipped: it is read from /usr/bin/time, which is not installed)")
            return
        }
        guard check.run.status == 0 else { throw BenchmarkFailure("flowrun check of the generated flow failed (\(check.run.status))") }
        var rows = [memoryRow("flowrun check", check, size)]
        if let xmllint = ProcessRun.which("xmllint"), let bound = try ProcessRun.peakMemory([xmllint, "--noout", file.path]) {
            rows.append(memoryRow("xmllint --noout", bound, size))
        }
        if let help = try ProcessRun.peakMemory([flowrun, "--help"]) { rows.append(memoryRow("flowrun --help (the process alone)", help, size)) }
        print("\n## Peak memory of checking a \(String(format: "%.1f", Double(size) / 1e6)) MB generated flow (goal: ≤ 4× the file)\n")
        print(table(["what", "peak RSS", "× the file", "wall time"], rows))
    }

    private func memoryRow(_ name: String, _ measured: (bytes: Int, run: ProcessRun), _ size: Int) -> [String] {
        [
            name, String(format: "%.1f MB", Double(measured.bytes) / 1e6),
            String(format: "%.1f×", Double(measured.bytes) / Double(size)), milliseconds(measured.run.seconds),
        ]
    }

    /// `benchmarks/Count_Loop.flow-meta.xml` run by `flowrun run` at two sizes: the difference
    /// over the difference in elements is the cost of one element, start-up and parse cancelled.
    func countedLoop() throws {
        let (small, large) = quick ? (10_000, 100_000) : (100_000, 1_000_000)
        func time(_ count: Int) throws -> Double {
            try ProcessRun.medianSeconds(
                [
                    flowrun, "run", path("benchmarks/Count_Loop.flow-meta.xml"), "--input", "N=\(count)",
                    "--max-steps", "100000000", "--no-limits",
                ], runs: quick ? 1 : 3)
        }
        let smallSeconds = try time(small)
        let largeSeconds = try time(large)
        // Each round runs the decision and the assignment.
        let elements = Double(2 * (large - small))
        let perElement = (largeSeconds - smallSeconds) / elements
        let native = NativeLoop.nanosecondsPerElement(rounds: quick ? 10_000_000 : 100_000_000)
        print("\n## Counted loop from the CLI (N = \(small) and \(large); goal: ≤ 50 ns per element)\n")
        print(
            table(
                ["what", "N = \(small)", "N = \(large)", "per element", "vs native Swift"],
                [
                    [
                        "flowrun run Count_Loop", milliseconds(smallSeconds), milliseconds(largeSeconds),
                        String(format: "%.1f ns", perElement * 1e9), String(format: "%.0f×", perElement * 1e9 / native),
                    ],
                    ["native Swift dispatch loop (in process)", "—", "—", String(format: "%.2f ns", native), "1×"],
                ]))
    }

    /// SpiffWorkflow 3.2.0 running the seed's logic as BPMN (`benchmarks/spiff`), in a virtual
    /// environment of its own under `.build`, made on first use.
    func spiff(flowrunInterviewsPerSecond: Double) throws {
        print("\n## SpiffWorkflow 3.2.0, the seed's SMS logic as BPMN, beside flowrun's in-process interviews\n")
        guard let python = ProcessRun.which("python3") else {
            print("(skipped: no python3 on PATH)")
            return
        }
        let venv = path(".build/spiff-venv")
        let venvPython = venv + "/bin/python3"
        if !FileManager.default.isExecutableFile(atPath: venvPython) || !spiffInstalled(venvPython) {
            let made = try ProcessRun.run([python, "-m", "venv", venv])
            let installed =
                made.status == 0 ? try ProcessRun.run([venv + "/bin/pip", "install", "--quiet", "SpiffWorkflow==3.2.0"]) : made
            guard installed.status == 0, spiffInstalled(venvPython) else {
                print("(skipped: could not make \(venv) with SpiffWorkflow 3.2.0; `pip install SpiffWorkflow==3.2.0` needs the network)")
                return
            }
        }
        let count = quick ? 200 : 2_500
        let run = try ProcessRun.run([venvPython, path("benchmarks/spiff/run_sms2fa.py"), String(count)], capture: true)
        guard run.status == 0, let rate = Self.field("instances/s", in: run.output) else {
            print("(skipped: run_sms2fa.py failed: \(run.output))")
            return
        }
        print(
            table(
                ["what", "complete interviews/s", "flowrun ÷ Spiff"],
                [
                    ["flowrun, in process (SQLite in memory; measured above)", self.rate(flowrunInterviewsPerSecond), String(format: "%.1f×", flowrunInterviewsPerSecond / rate)],
                    ["SpiffWorkflow 3.2.0 (\(count) instances)", self.rate(rate), "1×"],
                ]))
    }

    private func spiffInstalled(_ python: String) -> Bool {
        (try? ProcessRun.run([python, "-c", "import SpiffWorkflow"]).status) == 0
    }

    /// `benchmarks/serve-wrk.sh sqlite`, shortened: screen submissions over 1,000 interviews.
    func serve() throws {
        print("\n## flowrun serve: screen submissions, SQLite (benchmarks/serve-wrk.sh; goal: ≥ 5,000/s, p99 ≤ 10 ms)\n")
        guard !quick else {
            print("(skipped in --quick; run benchmarks/serve-wrk.sh sqlite)")
            return
        }
        guard ProcessRun.which("wrk") != nil, ProcessRun.which("curl") != nil, ProcessRun.which("python3") != nil else {
            print("(skipped: benchmarks/serve-wrk.sh needs wrk, curl and python3)")
            return
        }
        var rows: [[String]] = []
        for connections in [8, 32] {
            let run = try ProcessRun.run(
                ["/bin/bash", path("benchmarks/serve-wrk.sh"), "sqlite"], capture: true,
                environment: ["FLOWRUN_BIN": flowrun, "DURATION": "10s", "CONNECTIONS": String(connections)])
            guard run.status == 0, let rate = Self.field("Requests/sec:", in: run.output, separator: " ") else {
                print("(serve-wrk.sh failed with \(connections) connections: \(run.output.suffix(400)))")
                continue
            }
            rows.append([
                String(connections), rate.formatted(.number.precision(.fractionLength(0))),
                Self.latency("50%", run.output), Self.latency("99%", run.output),
            ])
        }
        print(table(["connections", "requests/s", "p50", "p99"], rows))
    }

    /// The number after `name` and `separator` in `output` (`instances/s=935.2`).
    private static func field(_ name: String, in output: String, separator: String = "=") -> Double? {
        guard let range = output.range(of: name + separator) ?? output.range(of: name) else { return nil }
        let rest = output[range.upperBound...].drop { $0 == " " || $0 == "=" }
        return Double(rest.prefix { $0.isNumber || $0 == "." })
    }

    /// wrk's latency percentile line (`99%   12.34ms`).
    private static func latency(_ percentile: String, _ output: String) -> String {
        let line = output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(percentile) }
        return line.map { $0.split(separator: " ").last.map(String.init) ?? "—" } ?? "—"
    }

    private func rate(_ perSecond: Double) -> String { String(format: "%.0f/s", perSecond) }
}
