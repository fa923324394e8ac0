import FlowrunCore
import FlowrunPlugins
import FlowrunSQLite
import Foundation
import Logging
import Testing

/// Paths and a runner shared by the end-to-end tests.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The `flowrun` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flowrun")
    }
}

/// One flow wired to real parts: the demo records in SQLite, the built-in plug-ins configured
/// from `environment`, and a console that keeps what the development transport prints.
struct FlowHarness {
    let interpreter: Interpreter
    let console: CapturedOutput
    let records: SQLiteRecordStore

    init(
        flow path: String, environment: [String: String] = [:], seed: UInt64? = nil, clock: any FlowClock = SystemClock(),
        logger: Logger = Logger(label: "flowrun.test")
    ) async throws {
        let (flow, diagnostics) = FlowLoader.load(path: Project.path(path), plugins: BuiltinPlugins.registry(environment: environment))
        let validated = try #require(flow, "\(diagnostics)")
        let fixture = try RecordFixture.load(contentsOf: URL(fileURLWithPath: Project.path("flows/data/demo-records.json")))
        records = try await SQLiteRecordStore.open(path: nil, fixture: fixture)
        console = CapturedOutput()
        let random: any RandomSource = seed.map { SeededRandomSource(seed: $0) } ?? SystemRandomSource()
        interpreter = Interpreter(
            flow: validated,
            services: FlowServices(records: records, clock: clock, random: random, console: console, logger: logger))
    }

    /// The 6-digit codes in what the console printed, in order.
    var codesShownOnConsole: [String] { console.lines.flatMap(Self.codes) }

    static func codes(in text: String) -> [String] {
        let pattern = /\b([0-9]{6})\b/
        return text.matches(of: pattern).map { String($0.output.1) }
    }
}
