import ArgumentParser
import FlowrunCore
import Foundation
import Logging

/// `flowrun run FILE` (or just `flowrun FILE`): one interview, screens in the terminal or from a file.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one interview of a flow.",
        discussion: """
            Screens are asked in the terminal (or read from --answers). Records come from a SQLite
            database (--database FILE), PostgreSQL (--database postgres://USER:PASSWORD@HOST:PORT/DB)
            or an in-memory one loaded from --records; without either, data/demo-records.json next
            to the flow is used when it exists. A new database is loaded from the records file.
            """
    )

    @Argument(help: "The flow file to run.")
    var file: String

    @Option(name: .customLong("input"), help: ArgumentHelp("Set an input variable.", valueName: "NAME=VALUE"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Answer screens from a JSON file instead of the terminal.", valueName: "FILE"))
    var answers: String?

    @Option(help: ArgumentHelp("Load records from a JSON fixture.", valueName: "FILE"))
    var records: String?

    @Option(
        help: ArgumentHelp(
            "Keep records in this SQLite database file (created if absent), or in PostgreSQL: postgres://USER:PASSWORD@HOST:PORT/DB[?schema=NAME].",
            valueName: "FILE|URL"))
    var database: String?

    @Option(help: "Output format for the result: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Seed the random source, so codes and ids repeat run to run (tests only).", valueName: "N"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Fix the clock at this instant (ISO 8601), for reproducible runs.", valueName: "DATETIME"))
    var now: String?

    @Option(help: "Most elements one transaction may run before the interview fails as an endless loop.")
    var maxSteps: Int = InterpreterConfiguration().maxStepsPerTransaction

    @Flag(help: "Show every executed element on standard error (secrets masked).")
    var trace = false

    @Option(help: ArgumentHelp("Write the trace as JSON lines to FILE.", valueName: "FILE"))
    var traceJson: String?

    @Option(help: ArgumentHelp("Run as this user: $User is the User record with this Id in the records.", valueName: "ID"))
    var user: String?

    @Flag(help: "Do not count Salesforce's per-transaction governor limits (SOQL queries, DML, rows).")
    var noLimits = false

    @OptionGroup var triggerOptions: TriggerOptions
    @OptionGroup var project: ProjectOptions
    @OptionGroup var pluginManifest: PluginManifestOptions

    public init() {}

    public func validate() throws {
        if let now, Date(isoText: now) == nil {
            throw ValidationError("--now must be a date-time like 2024-05-01T09:30:00Z, not '\(now)'")
        }
        if maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
        for input in inputs where !input.contains("=") {
            throw ValidationError("--input takes NAME=VALUE, not '\(input)'")
        }
    }

    public func run() async throws {
        let plugins: PluginRegistry
        do {
            plugins = try await pluginManifest.source().registry(forFlowAt: file)
        } catch {
            throw error.exit()
        }
        let result: (ValidatedFlow?, [Diagnostic])
        do {
            result = try project.load(file, plugins: plugins)
        } catch {
            throw usageError("settings: \(error)")
        }
        let (loaded, diagnostics) = result
        if !diagnostics.isEmpty {
            printError(DiagnosticRenderer.loadingSources(for: diagnostics).render(diagnostics))
        }
        guard let flow = loaded else { throw ExitStatus.invalidFlow }

        let fixture = try recordFixture()
        do {
            try await RecordDatabase.withStore(database: database, fixture: fixture) { store in
                try await runInterview(flow, store: store)
            }
        } catch let error as RecordDatabaseError {
            throw usageError("records: \(error)")
        }
    }

    /// Runs the interview on `store` and reports it.
    private func runInterview(_ flow: ValidatedFlow, store: any RecordStore) async throws {
        try await store.prepareIndexes(for: flow.queriedFields)
        var answerer: any ScreenAnswerer = TerminalScreens()
        if let answers {
            do {
                answerer = try ScriptedAnswers(path: answers)
            } catch {
                throw usageError("\(error)")
            }
        }
        let clock: any FlowClock = now.flatMap { Date(isoText: $0) }.map { ManualClock($0) } ?? SystemClock()
        let random: any RandomSource = seed.map { SeededRandomSource(seed: $0) } ?? SystemRandomSource()
        let services = FlowServices(
            records: store, clock: clock, random: random, console: StandardOutput(), logger: Logger(label: "flowrun"),
            runningUser: try await runningUser(in: store), observer: try traceObserver())
        let interpreter = Interpreter(
            flow: flow, services: services,
            configuration: InterpreterConfiguration(maxStepsPerTransaction: maxSteps, enforcesGovernorLimits: !noLimits))

        let inputs = parsedInputs()
        var interview: Interview
        var scheduledPaths: [ScheduledPathRun] = []
        let event: TriggerEvent?
        do {
            event = try triggerOptions.event(object: flow.triggerObject)
        } catch {
            throw usageError("\(error)")
        }
        do {
            if let event, triggerOptions.noScheduledPaths {
                interview = try await interpreter.trigger(event, inputs: inputs)
            } else if let event {
                let run = try await interpreter.triggerWithScheduledPaths(event, inputs: inputs)
                interview = run.interview
                scheduledPaths = run.scheduledPaths
            } else {
                interview = try await interpreter.start(inputs: inputs)
            }
        } catch {
            throw usageError(error.description)
        }
        while let prompt = interview.status.prompt {
            let response: ScreenResponse
            do {
                response = try answerer.answer(prompt)
            } catch let error as NoAnswerError {
                printError("\(prompt.location): error: \(error.description)")
                throw ExitStatus.needsAnswer
            }
            await interpreter.resume(&interview, answers: response.answers, action: response.action)
        }
        try report(interview, flow: flow, scheduledPaths: scheduledPaths)
    }

    /// `$Record` as the flow left it, for record-triggered runs: the record a before-save flow saves.
    private func triggerRecord(_ interview: Interview, flow: ValidatedFlow) -> FlowValue? {
        guard triggerOptions.record != nil, let record = interview.value(of: "$Record"), !record.isNull else { return nil }
        return record
    }

    /// The User record `--user` names, from the records.
    private func runningUser(in store: any RecordStore) async throws -> FlowRecord? {
        guard let user else { return nil }
        let found: FlowRecord?
        do {
            found = try await RunningUser.find(user, in: store)
        } catch let error as ValidationErrorMessage {
            throw usageError("--user: \(error)")
        }
        guard let record = found else { throw usageError("--user: " + RunningUser.notFound(user)) }
        return record
    }

    private func traceObserver() throws -> (any ExecutionObserver)? {
        if let traceJson {
            guard FileManager.default.createFile(atPath: traceJson, contents: nil),
                let handle = FileHandle(forWritingAtPath: traceJson)
            else { throw usageError("cannot write the trace to '\(traceJson)'") }
            return TraceObserver(handle: handle, format: .jsonLines)
        }
        return trace ? TraceObserver(handle: .standardError, format: .text) : nil
    }

    private func parsedInputs() -> [String: FlowValue] {
        var values: [String: FlowValue] = [:]
        for input in inputs {
            let parts = input.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let text = parts.count > 1 ? String(parts[1]) : ""
            if text.hasPrefix("["), let data = text.data(using: .utf8),
                let json = try? JSONDecoder().decode(JSONValue.self, from: data)
            {
                values[name] = FlowValue(json: json)
            } else {
                values[name] = .string(text)
            }
        }
        return values
    }

    /// The records to load into a new database: --records, or data/demo-records.json beside the flow.
    private func recordFixture() throws -> RecordFixture? {
        var fixturePath = records
        if fixturePath == nil {
            let beside = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("data/demo-records.json")
            if FileManager.default.fileExists(atPath: beside.path) { fixturePath = beside.path }
        }
        do {
            return try fixturePath.map { try RecordFixture.load(contentsOf: URL(fileURLWithPath: $0)) }
        } catch {
            throw usageError("records: \(error)")
        }
    }

    private func report(_ interview: Interview, flow: ValidatedFlow, scheduledPaths: [ScheduledPathRun]) throws {
        switch interview.status {
        case .finished(let outputs):
            let shown = outputs.mapValues { _ in () }.keys.sorted()
            let record = triggerRecord(interview, flow: flow)
            switch format {
            case .json:
                var object: [String: JSONValue] = [:]
                for name in shown { object[name] = flow.isSecret(name) ? .string("••••••") : outputs[name]?.json ?? .null }
                var result: [String: JSONValue] = [
                    "status": .string(interview.entryConditionsMet ? "finished" : "notTriggered"), "outputs": .object(object),
                ]
                if let record { result["record"] = record.json }
                if !scheduledPaths.isEmpty { result["scheduledPaths"] = .array(scheduledPaths.map(\.json)) }
                print(jsonText(.object(result)))
            case .text:
                print(interview.entryConditionsMet ? "Finished." : "Not triggered: the record does not meet the entry conditions.")
                for name in shown {
                    let value = flow.isSecret(name) ? "••••••" : (outputs[name]?.displayText ?? "")
                    print("  \(name) = \(value)")
                }
                if let record, interview.entryConditionsMet {
                    print("Record (\(flow.triggerObject ?? "record")):")
                    for (field, value) in (record.recordValue?.fields ?? [:]).sorted(by: { $0.key < $1.key }) {
                        print("  \(field) = \(value.displayText)")
                    }
                }
                for path in scheduledPaths { print(path.summary) }
                for path in scheduledPaths {
                    if case .failed(let error) = path.interview?.status { printError(path.failureText(error)) }
                }
            }
            if scheduledPaths.contains(where: { if case .failed = $0.interview?.status { true } else { false } }) {
                throw ExitStatus.flowFailed
            }
        case .failed(let error):
            switch format {
            case .json:
                var details: [String: JSONValue] = ["message": .string(error.message), "kind": .string(error.kind.rawValue)]
                if let element = error.elementName { details["element"] = .string(element) }
                if let location = error.location {
                    details["file"] = .string(location.file)
                    details["line"] = .number(Decimal(location.line))
                    details["column"] = .number(Decimal(location.column))
                }
                print(jsonText(.object(["status": .string("failed"), "error": .object(details)])))
            case .text:
                let place = error.location.map { "\($0): " } ?? ""
                let element = error.elementName.map { "'\($0)' failed: " } ?? ""
                printError("\(place)error: \(element)\(error.message)")
            }
            throw ExitStatus.flowFailed
        case .running, .screen:
            throw ExitStatus.needsAnswer
        }
    }

    private func usageError(_ message: String) -> ExitCode {
        printError("flowrun: \(message)")
        return ExitStatus.usage
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func jsonText(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}
