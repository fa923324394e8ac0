import ArgumentParser
import FlowrunCore
import Foundation

/// `flowrun graph FILE`: the flow as a diagram.
public struct GraphCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a flow as Graphviz DOT, Mermaid, or SVG (when Graphviz's dot is installed).")

    public enum Format: String, ExpressibleByArgument, Sendable { case dot, mermaid, svg }

    @Argument(help: "The flow file.")
    var file: String

    @Option(help: "dot (default), mermaid, or svg.")
    var format: Format = .dot

    @Option(help: ArgumentHelp("Colour what a test run hit and missed, from `flowrun test --coverage FILE`.", valueName: "FILE"))
    var coverage: String?

    public init() {}

    public func run() async throws {
        let (parsed, diagnostics) = FlowParser.parse(contentsOf: file)
        guard let flow = parsed else {
            printError(DiagnosticRenderer.loadingSources(for: diagnostics).render(diagnostics))
            throw ExitStatus.invalidFlow
        }
        let graph = FlowGraph(flow)
        let covered = try coverage.map { try Self.loadCoverage($0, for: file) }
        switch format {
        case .dot: print(DOTRenderer.render(graph, name: flow.name, coverage: covered), terminator: "")
        case .mermaid: print(MermaidRenderer.render(graph, coverage: covered), terminator: "")
        case .svg: print(try Self.svg(DOTRenderer.render(graph, name: flow.name, coverage: covered)), terminator: "")
        }
    }

    private struct CoverageRow: Decodable {
        var flow: String
        var coveredElements: [String]
        var coveredConnectors: [String]
    }

    /// The coverage of `flowPath` in a coverage file written by `flowrun test --coverage`.
    static func loadCoverage(_ path: String, for flowPath: String) throws -> GraphCoverage {
        guard let data = FileManager.default.contents(atPath: path),
            let rows = try? JSONDecoder().decode([CoverageRow].self, from: data)
        else {
            printError("flowrun: '\(path)' is not a coverage file written by flowrun test --coverage")
            throw ExitStatus.usage
        }
        let wanted = URL(fileURLWithPath: flowPath).standardizedFileURL.path
        guard let row = rows.first(where: { URL(fileURLWithPath: $0.flow).standardizedFileURL.path == wanted }) else {
            printError("flowrun: '\(path)' has no coverage for \(flowPath) (it covers \(rows.map(\.flow).joined(separator: ", ")))")
            throw ExitStatus.usage
        }
        return GraphCoverage(elements: Set(row.coveredElements), edges: Set(row.coveredConnectors))
    }

    /// Runs Graphviz's `dot -Tsvg`, or says how to get it.
    static func svg(_ dot: String) throws -> String {
        let candidates = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            printError(
                "flowrun: --format svg needs Graphviz's dot, which is not installed (apt-get install graphviz); --format dot prints the source"
            )
            throw ExitStatus.usage
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("flowrun: dot failed with status \(process.terminationStatus)")
            throw ExitStatus.flowFailed
        }
        return String(decoding: data, as: UTF8.self)
    }
}
