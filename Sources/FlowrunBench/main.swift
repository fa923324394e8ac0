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
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

// 1. Parse + check a large generated flow against a bare libxml2 parse of the same bytes.
let elementCount = quick ? 500 : 5000
let bytes = Array(LargeFlow.xml(elements: elementCount).utf8)
var plugins = PluginRegistry()
plugins.register(SMSPlugin(transport: MutedTransport()), as: "SMSPlugin")
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
print(table(["what", "median time", "vs bare libxml2"], [bare, parse, check].map {
    [$0.name, milliseconds($0.medianSeconds), String(format: "%.2f×", $0.medianSeconds / bare.medianSeconds)]
}))

// 2. Complete sms2fa interviews: lookup, code generation, a wrong answer, a new code, the right answer.
let fixture = try RecordFixture.load(contentsOf: root.appendingPathComponent("flows/data/demo-records.json"))
let store = try await SQLiteRecordStore.open(path: nil, fixture: fixture)
let (loaded, diagnostics) = FlowLoader.load(path: root.appendingPathComponent("flows/sms2fa.xml").path, plugins: plugins)
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
let interviews = try await Measurement.measure("flowrun: sms2fa interviews", runs: quick ? 3 : 9) {
    for _ in 0..<batch {
        var interview = try await interpreter.start()
        let code = interview.value(of: "VerificationCode")?.stringValue ?? ""
        await interpreter.resume(&interview, answers: ["Code": .string(code == "000000" ? "111111" : "000000")])
        let second = interview.value(of: "VerificationCode") ?? .null
        await interpreter.resume(&interview, answers: ["Code": second])
        guard case .finished = interview.status else { throw BenchmarkFailure("an interview did not finish: \(interview.status)") }
    }
}
let direct = try await Measurement.measure("direct Swift: same logic", runs: quick ? 3 : 9) {
    for _ in 0..<batch {
        let verified = try await DirectSwift2FA.run(store: store, random: random, userId: "005000000000001AAA")
        if !verified { throw BenchmarkFailure("the direct Swift version did not verify") }
    }
}
print("\n## sms2fa interviews (SQLite in memory, transport muted), batches of \(batch)\n")
print(table(["what", "per interview", "interviews/s", "vs direct Swift"], [interviews, direct].map {
    let each = $0.medianSeconds / Double(batch)
    return [$0.name, String(format: "%.1f µs", each * 1e6), rate(1 / each), String(format: "%.2f×", $0.medianSeconds / direct.medianSeconds)]
}))
