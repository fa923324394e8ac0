import ArgumentParser
import FlowrunCore
import FlowrunPostgres
import Foundation

/// `flowrun test [PATH...]`: runs flow test files (`*.flowtest.json`, `.yaml`, `.yml`) with coverage.
public struct TestCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run flow tests (*.flowtest.json or *.flowtest.yaml files, or the folders that hold them) and report coverage.",
        discussion: """
            Each case's records are in a database of its own: SQLite in memory, or with --database
            postgres://USER:PASSWORD@HOST:PORT/DB a fresh schema in PostgreSQL, dropped after the case.

            Exit status 0 when every test passes (and coverage is at least --min-coverage), 1 otherwise, 2 for a test file that cannot be run, 64 for bad usage or a database that cannot be used.
            """)

    @Argument(help: "Test files or folders to search (default: the current folder).")
    var paths: [String] = ["."]

    @Option(help: ArgumentHelp("Write JUnit XML to FILE.", valueName: "FILE"))
    var junit: String?

    @Option(help: ArgumentHelp("Write coverage as JSON to FILE.", valueName: "FILE"))
    var coverage: String?

    @Option(
        help: ArgumentHelp(
            "Write a coverage report as HTML pages to DIR: an index, and per flow its diagram and source marked with what the tests ran.",
            valueName: "DIR"))
    var coverageHtml: String?

    @Option(help: ArgumentHelp("Fail when coverage (elements and connectors) is below P percent.", valueName: "P"))
    var minCoverage: Double?

    @Option(
        help: ArgumentHelp(
            "Run each case on PostgreSQL, in a fresh schema dropped after it: postgres://USER:PASSWORD@HOST:PORT/DB.",
            valueName: "URL"))
    var database: String?

    @OptionGroup var pluginManifest: PluginManifestOptions

    public init() {}

    public func validate() throws {
        if let database, !PostgresDatabaseURL.isPostgres(database) {
            // A file would be shared by cases that run side by side and expect their own records.
            throw ValidationError(
                "--database takes a postgres:// URL (each case gets a fresh schema there); without it each case's records are in memory")
        }
    }

    public func run() async throws {
        guard let database else { return try await runTests(records: .inMemory) }
        do {
            try await RecordDatabase.withPostgres(url: database) { client, _ in
                try await runTests(records: .postgres(client))
            }
        } catch let error as RecordDatabaseError {
            printError("flowrun: --database: \(error)")
            throw ExitStatus.usage
        }
    }

    private func runTests(records: FlowTestRecords) async throws {
        let files = try Self.testFiles(in: paths)
        guard !files.isEmpty else {
            printError("flowrun: no *.flowtest.json or *.flowtest.yaml files in \(paths.joined(separator: ", "))")
            throw ExitStatus.usage
        }
        let runner = FlowTestRunner(plugins: pluginManifest.source(), records: records)
        var results: [FlowTestResult] = []
        // Coverage per flow, however many test files test it, in the order flows are first met.
        var flows: [String: CoverageHTMLReport.Entry] = [:]
        var order: [String] = []
        var broken = false
        // Files run one after another; on a terminal, a line on standard error says how far along.
        let progress = TerminalProgress(label: "Testing", unit: "files")
        for (index, file) in files.enumerated() {
            progress?.update(index, of: files.count, detail: file)
            do {
                let (fileResults, flow) = try await runner.run(file: file)
                results += fileResults
                if flows[flow.path] == nil {
                    order.append(flow.path)
                    flows[flow.path] = CoverageHTMLReport.Entry(
                        summary: CoverageSummary(flow: flow.path, graph: FlowGraph(flow), coverage: GraphCoverage(elements: [], edges: [])),
                        flow: flow, runs: [:], tests: 0)
                }
                flows[flow.path]?.add(fileResults)
            } catch {
                progress?.finish()
                printError("\(error)")
                broken = true
            }
        }
        progress?.finish()
        let entries = order.compactMap { flows[$0] }
        let summaries = entries.map(\.summary)
        for result in results {
            print("\(result.passed ? "✔" : "✘") \(result.flow): \(result.name)")
            for failure in result.failures { print("    \(failure)") }
        }
        let failed = results.filter { !$0.passed }.count
        print("\n\(results.count - failed) passed, \(failed) failed")
        print("coverage:")
        for summary in summaries {
            print(
                String(
                    format: "  %@: %.1f%% (elements %d/%d, connectors %d/%d)", summary.flow, summary.percent,
                    summary.elementsCovered, summary.elementsTotal, summary.connectorsCovered, summary.connectorsTotal))
            if !summary.missedElements.isEmpty { print("    not run: \(summary.missedElements.joined(separator: ", "))") }
        }
        if let junit { try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8) }
        if let coverage {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(summaries).write(to: URL(fileURLWithPath: coverage))
        }
        if let coverageHtml {
            do {
                try CoverageHTMLReport(entries: entries).write(to: coverageHtml)
            } catch {
                printError("flowrun: --coverage-html: cannot write \(coverageHtml): \(error.localizedDescription)")
                throw ExitStatus.usage
            }
        }
        if broken { throw ExitStatus.invalidFlow }
        if failed > 0 { throw ExitStatus.flowFailed }
        if let minCoverage, let low = summaries.first(where: { $0.percent < minCoverage }) {
            print(String(format: "coverage of %@ is %.1f%%, below the minimum %.1f%%", low.flow, low.percent, minCoverage))
            throw ExitStatus.flowFailed
        }
    }

    /// The test files named, and those found (recursively) in the folders named, sorted.
    static func testFiles(in paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("flowrun: \(path): no such file or folder")
                throw ExitStatus.usage
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let item = enumerator?.nextObject() as? String {
                if (item as NSString).lastPathComponent.hasPrefix(".") {
                    enumerator?.skipDescendants()
                    continue
                }
                // A nested Swift package (examples/custom-plugin) runs its own flows with its own
                // plug-ins; its tests are not this runner's to run.
                let inside = (path as NSString).appendingPathComponent(item)
                if FileManager.default.fileExists(atPath: (inside as NSString).appendingPathComponent("Package.swift")) {
                    enumerator?.skipDescendants()
                    continue
                }
                if FlowTestDocument.isTestFile(item) {
                    files.append(path == "." ? item : (path as NSString).appendingPathComponent(item))
                }
            }
        }
        return files.sorted()
    }
}
