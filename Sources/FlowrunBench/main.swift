import FlowrunCore
import FlowrunPlugins
import FlowrunSQLite
import Foundation
import Logging

// flowrun's benchmark: run with `swift run -c release flowrun-bench`; the figures go in BENCHMARKS.md.
// It measures, side by side in one run, each flowrun stage next to what bounds it.

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The SMS transport with the sending taken out, so interviews measure flowrun, not a console.
struct MutedTransport: SMSTransport {
    func send(_ message: SMSMessage, context: PluginContext) async throws(SMSSendFailure) -> SMSReceipt {
        SMSReceipt(status: "queued", detail: "muted")
    }
}

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
// `flowrun-bench sms2fa`: only the seed SMS interviews, for measuring that row alone.
let onlySMS = arguments.contains("sms2fa")
if arguments.contains("records") {
    // The record store at scale: `flowrun-bench records [--quick]`.
    try await RecordsBenchmark.run(sizes: quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000], lookups: quick ? 200 : 2_000)
    exit(0)
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func loadBenchmarkFlow(_ name: String) throws -> ValidatedFlow {
    let (flow, diagnostics) = FlowLoader.load(path: root.appendingPathComponent("benchmarks/\(name)").path, plugins: PluginRegistry())
    guard let flow else { throw BenchmarkFailure("\(name): \(diagnostics)") }
    return flow
}

func measureFormulaHeavyFlow() async throws {
    let rounds = quick ? 200 : 2000
    let expectedFormulas = DirectFormulas.run(count: rounds)
    let formulaHeavy = FlowBenchmark(
        title: "Formula-heavy flow (\(rounds) rounds, 4 formulas each)", flow: try loadBenchmarkFlow("Formula_Heavy.flow-meta.xml"),
        inputs: ["Count": .number(Decimal(rounds))],
        agrees: { outputs in
            outputs["Total"]?.numberValue == expectedFormulas.total
                && outputs["CodeLength"]?.numberValue == Decimal(expectedFormulas.codeLength)
                && outputs["MonthSum"]?.numberValue == Decimal(expectedFormulas.monthSum)
                && outputs["TierPoints"]?.numberValue == Decimal(expectedFormulas.tierPoints)
        },
        direct: { precondition(DirectFormulas.run(count: rounds) == expectedFormulas) })
    print("\n" + (try await formulaHeavy.measure(runs: quick ? 3 : 11)))
}

func measureLoopHeavyFlow() async throws {
    let opportunities = DirectLoop.opportunities(count: quick ? 2000 : 20000)
    let expectedLoop = DirectLoop.run(opportunities)
    let records: [FlowValue] = opportunities.map { opportunity in
        .record(
            FlowRecord(
                objectType: "Opportunity",
                fields: [
                    "Id": .string(opportunity.id), "StageName": .string(opportunity.stageName), "Amount": .number(opportunity.amount),
                ]))
    }
    let loopHeavy = FlowBenchmark(
        title: "Loop-heavy flow (\(opportunities.count) Opportunity records)", flow: try loadBenchmarkFlow("Loop_Heavy.flow-meta.xml"),
        inputs: ["Opportunities": .collection(records)],
        agrees: { outputs in
            outputs["WonTotal"]?.numberValue == expectedLoop.wonTotal && outputs["OpenTotal"]?.numberValue == expectedLoop.openTotal
                && outputs["WonCount"]?.numberValue == Decimal(expectedLoop.wonCount)
                && outputs["WonIds"]?.collectionValue?.count == expectedLoop.wonIds.count
        },
        direct: { precondition(DirectLoop.run(opportunities) == expectedLoop) })
    print("\n" + (try await loopHeavy.measure(runs: quick ? 3 : 11)))
}

// `flowrun-bench formulas [--quick]`: only the formula-heavy flow, for measuring that row alone;
// `flowrun-bench loops [--quick]`: only the loop-heavy flow.
if arguments.contains("formulas") {
    try await measureFormulaHeavyFlow()
    exit(0)
}
if arguments.contains("loops") {
    try await measureLoopHeavyFlow()
    exit(0)
}

// 1. Parse + check a large generated flow against a bare libxml2 parse of the same bytes.
var plugins = PluginRegistry()
plugins.register(SMSPlugin(transport: MutedTransport()), as: "SMSPlugin")
func measureParseAndCheck(plugins: PluginRegistry) async {
    let elementCount = quick ? 500 : 5000
    let bytes = Array(LargeFlow.xml(elements: elementCount).utf8)
    let parseRuns = quick ? 5 : 21
    let bare = await Measurement.measure("libxml2 parse only", runs: parseRuns) {
        precondition(BareLibXML.parse(bytes))
    }
    let parse = await Measurement.measure("flowrun parse (libxml2 + AST)", runs: parseRuns) {
        precondition(FlowParser.parse(bytes, path: "bench.xml").0 != nil)
    }
    let check = await Measurement.measure("flowrun parse + check", runs: parseRuns) {
        let flow = FlowParser.parse(bytes, path: "bench.xml").0
        precondition(flow.flatMap { Validator(plugins: plugins).validate($0).0 } != nil)
    }
    print("## Parse and check: generated flow, \(elementCount) elements, \(bytes.count / 1024) KiB\n")
    print(
        table(
            ["what", "median time", "vs bare libxml2"],
            [bare, parse, check].map {
                [$0.name, milliseconds($0.medianSeconds), String(format: "%.2f×", $0.medianSeconds / bare.medianSeconds)]
            }))
}
// `flowrun-bench parse [--quick]`: only the parse and check rows.
if arguments.contains("parse") {
    await measureParseAndCheck(plugins: plugins)
    exit(0)
}
if !onlySMS { await measureParseAndCheck(plugins: plugins) }

// 2. Complete interviews of the seed's SMS flow (flows/sms2fa.xml is the hardened one, with record
// updates on every send): lookup, code generation, a wrong answer, a new code, the right answer.
let fixture = try RecordFixture.load(contentsOf: root.appendingPathComponent("flows/data/demo-records.json"))
let store = try await SQLiteRecordStore.open(path: nil, fixture: fixture)
let (loaded, diagnostics) = FlowLoader.load(
    path: root.appendingPathComponent("seeds/SMS_Two_Factor_Login.flow-meta.xml").path, plugins: plugins)
guard let sms2fa = loaded else {
    print(diagnostics)
    exit(2)
}
let random = SystemRandomSource()
// A logger that drops everything: the benchmark measures flowrun, not a terminal.
let quiet = Logger(label: "flowrun-bench") { _ in SwiftLogNoOpLogHandler() }
let interpreter = Interpreter(
    flow: sms2fa,
    services: FlowServices(records: store, clock: SystemClock(), random: random, console: CapturedOutput(), logger: quiet))
let batch = quick ? 50 : 500
let (interviews, direct) = try await InterviewBenchmark.measure(
    interpreter: interpreter, store: store, random: random, batch: batch, runs: quick ? 3 : 9)
print("\n## Seed SMS two-factor interviews (SQLite in memory, transport muted), batches of \(batch)\n")
print(
    table(
        ["what", "per interview", "interviews/s", "vs direct Swift"],
        [interviews, direct].map {
            let each = $0.medianSeconds / Double(batch)
            return [
                $0.name, String(format: "%.1f µs", each * 1e6), rate(1 / each),
                String(format: "%.2f×", $0.medianSeconds / direct.medianSeconds),
            ]
        }))

if onlySMS { exit(0) }

// 3. A formula-heavy and a loop-heavy flow, in elements per second, beside the same logic in Swift.
try await measureFormulaHeavyFlow()

try await measureLoopHeavyFlow()

// 4. Whole processes and peers: start-up and peak memory beside xmllint, the counted loop from the
// CLI beside a native Swift loop, SpiffWorkflow beside the interviews above, and `flowrun serve`.
try ProcessBenchmarks(root: root, quick: quick).run(flowrunInterviewsPerSecond: Double(batch) / interviews.medianSeconds)
