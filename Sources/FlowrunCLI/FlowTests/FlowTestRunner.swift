import FlowrunCore
import Foundation
import Logging

/// The outcome of one test case.
struct FlowTestResult: Sendable {
    var file: String
    var flow: String
    var name: String
    var failures: [String]
    var seconds: Double
    var coverage: GraphCoverage

    var passed: Bool { failures.isEmpty }
}

/// A test file that could not be run at all (unreadable, not JSON, flow invalid).
struct FlowTestFileError: Error, CustomStringConvertible {
    var description: String
}

/// Runs the tests of one test file, each in its own interview with its own records, concurrently.
struct FlowTestRunner {
    /// The plug-ins for the flow under test (its folder's manifest included).
    let plugins: PluginSource
    /// Where each case keeps its records.
    var records: FlowTestRecords = .inMemory

    func run(file path: String) async throws -> (results: [FlowTestResult], flow: Flow) {
        let directory = (path as NSString).deletingLastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowTestFileError(description: "\(path): cannot be read")
        }
        let file = try FlowTestDocument.decode(data, path: path)
        let flowPath = Self.relative(file.flow, to: directory)
        let (parsed, parseDiagnostics) = FlowParser.parse(contentsOf: flowPath)
        guard let flow = parsed, !parseDiagnostics.hasErrors else {
            throw FlowTestFileError(description: DiagnosticRenderer.loadingSources(for: parseDiagnostics).render(parseDiagnostics))
        }
        let registry: PluginRegistry
        do {
            registry = try await plugins.registry(forFlowAt: flowPath)
        } catch {
            throw FlowTestFileError(description: "\(path): \(error.description)")
        }
        let results = await withTaskGroup(of: FlowTestResult.self) { group in
            for test in file.tests {
                group.addTask {
                    await runCase(test, file: file, path: path, flow: flow, directory: directory, plugins: registry)
                }
            }
            var results: [FlowTestResult] = []
            for await result in group { results.append(result) }
            return results
        }
        let order = Dictionary(file.tests.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return (results.sorted { (order[$0.name] ?? 0) < (order[$1.name] ?? 0) }, flow)
    }

    private func runCase(
        _ test: FlowTestCase, file: FlowTestFile, path: String, flow: Flow, directory: String, plugins: PluginRegistry
    ) async -> FlowTestResult {
        let clock = ContinuousClock()
        let started = clock.now
        let recorder = CoverageRecorder(flowFile: flow.path)
        var failures: [String] = []
        do {
            failures = try await execute(test, file: file, flow: flow, directory: directory, plugins: plugins, recorder: recorder)
        } catch {
            failures = ["\(error)"]
        }
        let elapsed = clock.now - started
        return FlowTestResult(
            file: path, flow: flow.name, name: test.name, failures: failures,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            coverage: recorder.coverage)
    }

    private func execute(
        _ test: FlowTestCase, file: FlowTestFile, flow: Flow, directory: String, plugins: PluginRegistry,
        recorder: CoverageRecorder
    ) async throws -> [String] {
        var registry = plugins
        for (name, answers) in test.mocks ?? [:] {
            guard let original = plugins.plugin(named: name) else {
                return ["mock '\(name)' replaces no registered plug-in (registered: \(plugins.names.joined(separator: ", ")))"]
            }
            registry.register(MockPlugin(describing: original.describe(), answers: answers), as: name)
        }
        let flowDirectory = (flow.path as NSString).deletingLastPathComponent
        let library = FlowLibrary(
            directories: [flowDirectory.isEmpty ? "." : flowDirectory], plugins: registry,
            settings: (try? FlowLoader.defaultSettings(besideFlowsIn: flowDirectory.isEmpty ? "." : flowDirectory)) ?? OrgSettings(),
            metadata: ObjectMetadata.discovered(near: flow.path))
        let (validated, diagnostics) = Validator(plugins: registry, flows: library).validate(flow)
        guard let validated else {
            return diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message) [\($0.id)]" }
        }
        let fixture = try fixture(test.records ?? file.records, directory: directory)
        return try await records.withStore(fixture: fixture) { store in
            try await store.prepareIndexes(for: validated.queriedFields)
            return try await execute(test, file: file, validated: validated, store: store, recorder: recorder)
        }
    }

    /// Runs the case on `store`, which holds its records and nobody else's, and checks it.
    private func execute(
        _ test: FlowTestCase, file: FlowTestFile, validated: ValidatedFlow, store: any RecordStore,
        recorder: CoverageRecorder
    ) async throws -> [String] {
        let now = test.now.flatMap { Date(isoText: $0) } ?? Date(timeIntervalSince1970: 1_714_555_800)
        let clock = ManualClock(now)
        var runningUser: FlowRecord?
        if let user = test.user ?? file.user {
            do {
                guard let record = try await RunningUser.find(user, in: store) else { return ["user: " + RunningUser.notFound(user)] }
                runningUser = record
            } catch let error as ValidationErrorMessage {
                return ["user: \(error)"]
            }
        }
        let services = FlowServices(
            records: store, clock: clock, random: SeededRandomSource(seed: test.seed ?? 1),
            console: CapturedOutput(), logger: Logger(label: "flowrun.test"), runningUser: runningUser, observer: recorder)
        let interpreter = Interpreter(flow: validated, services: services)

        let inputs = (test.inputs ?? [:]).mapValues { FlowValue(json: $0) }
        var interview: Interview
        var scheduledPaths: [ScheduledPathRun] = []
        if let event = try Self.triggerEvent(test, object: validated.triggerObject) {
            let run = try await interpreter.triggerWithScheduledPaths(event, inputs: inputs)
            interview = run.interview
            scheduledPaths = run.scheduledPaths
        } else {
            interview = try await interpreter.start(inputs: inputs)
        }
        var failures: [String] = []
        for (index, answer) in (test.screens ?? []).enumerated() {
            guard let prompt = interview.status.prompt else {
                failures.append("screen answer \(index + 1) is left over: the interview is \(Self.describe(interview.status))")
                break
            }
            if let screen = answer.screen, screen.caseInsensitiveCompare(prompt.elementName) != .orderedSame {
                failures.append(
                    "screen answer \(index + 1) is for '\(screen)', but the flow is at '\(prompt.elementName)' (\(prompt.location))")
                break
            }
            if let unknown = Self.unknownAnswerNames(answer.answers ?? [:], on: prompt).first {
                let names = prompt.fields.filter(\.isInput).map(\.name).joined(separator: ", ")
                failures.append(
                    "screen answer \(index + 1) names '\(unknown)', which is not a field of '\(prompt.elementName)' (\(prompt.location)); its fields: \(names.isEmpty ? "none" : names)"
                )
                break
            }
            if let text = answer.now {
                guard let date = Date(isoText: text) else {
                    failures.append("screen answer \(index + 1): now \"\(text)\" is not a date-time (2024-05-01T09:45:00Z)")
                    break
                }
                clock.set(date)
            }
            for change in answer.meanwhile ?? [] {
                do {
                    let fields = try RecordFixture.record(
                        fromJSON: JSONEncoder().encode(change.fields), object: change.object,
                        source: "screen answer \(index + 1), meanwhile")
                    try await store.update(object: change.object, id: change.id, fields: fields.fields)
                } catch {
                    failures.append("screen answer \(index + 1): meanwhile: \(error)")
                }
            }
            await interpreter.resume(
                &interview, answers: (answer.answers ?? [:]).mapValues { FlowValue(json: $0) }, action: answer.action ?? .next)
        }
        failures += try await check(test.expect, interview: interview, store: store, recorder: recorder, flow: validated)
        failures += Self.check(test.expect.scheduledPaths, ran: scheduledPaths)
        return failures
    }

    private func check(
        _ expect: FlowTestCase.Expectations, interview: Interview, store: any RecordStore, recorder: CoverageRecorder,
        flow: ValidatedFlow
    ) async throws -> [String] {
        var failures: [String] = []
        let status = interview.entryConditionsMet ? Self.statusName(interview.status) : "notTriggered"
        if let wanted = expect.status, wanted != status {
            let actual = interview.entryConditionsMet ? Self.describe(interview.status) : "notTriggered (the entry conditions did not hold)"
            failures.append("status: expected \(wanted), got \(actual)")
        }
        if let screen = expect.screen, interview.status.prompt?.elementName != screen {
            failures.append("screen: expected to wait at '\(screen)', got \(Self.describe(interview.status))")
        }
        if let wanted = expect.outputs {
            let outputs: [String: FlowValue]
            if case .finished(let values) = interview.status { outputs = values } else { outputs = [:] }
            for (name, value) in wanted.sorted(by: { $0.key < $1.key }) {
                let actual = Self.output(name, outputs: outputs, interview: interview)
                if !Self.matches(actual, value) {
                    failures.append("output \(name): expected \(Self.text(value)), got \(Self.text(actual.json))")
                }
            }
        }
        let visited = recorder.coverage.elements
        for name in expect.visited ?? [] where !visited.contains(name) {
            failures.append("expected '\(name)' to run, but it did not\(Self.place(of: name, in: flow))")
        }
        for name in expect.notVisited ?? [] where visited.contains(name) {
            failures.append("expected '\(name)' not to run, but it did\(Self.place(of: name, in: flow))")
        }
        if let message = expect.faultMessage {
            if case .failed(let error) = interview.status, error.message == message {
            } else {
                failures.append("fault: expected \"\(message)\", got \(Self.describe(interview.status))")
            }
        }
        if let wanted = expect.triggerRecord {
            let fields = interview.value(of: "$Record")?.recordValue?.fields ?? [:]
            for (field, value) in wanted.sorted(by: { $0.key < $1.key }) where !Self.matches(fields[field] ?? .null, value) {
                failures.append("$Record.\(field): expected \(Self.text(value)), got \(Self.text((fields[field] ?? .null).json))")
            }
        }
        var matchedWithoutID: Set<String> = []
        for record in expect.records ?? [] {
            guard let id = record.id else {
                failures += try await checkRecordWithoutID(record, store: store, taken: &matchedWithoutID)
                continue
            }
            let found = try await store.query(
                RecordQuery(object: record.object, filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))]))
            guard let actual = found.first else {
                failures.append("record \(record.object) \(id): not found")
                continue
            }
            for (field, value) in record.fields.sorted(by: { $0.key < $1.key }) where !Self.matches(actual[field], value) {
                failures.append(
                    "record \(record.object) \(id) \(field): expected \(Self.text(value)), got \(Self.text(actual[field].json))")
            }
        }
        for (object, wanted) in (expect.recordCounts ?? [:]).sorted(by: { $0.key < $1.key }) {
            let count = try await store.query(RecordQuery(object: object)).count
            if count != wanted { failures.append("records of \(object): expected \(wanted), got \(count)") }
        }
        return failures
    }

    /// A record expected without an Id: some record of its object, not matched by an earlier such
    /// expectation, whose fields all match.
    private func checkRecordWithoutID(
        _ record: FlowTestCase.RecordExpectation, store: any RecordStore, taken: inout Set<String>
    ) async throws -> [String] {
        let candidates = try await store.query(RecordQuery(object: record.object))
        let match = candidates.first { actual in
            guard let id = actual.id, !taken.contains(id) else { return false }
            return record.fields.allSatisfy { Self.matches(actual[$0.key], $0.value) }
        }
        if let id = match?.id {
            taken.insert(id)
            return []
        }
        let fields = Self.text(.object(record.fields))
        let used = candidates.filter { $0.id.map(taken.contains) ?? false }.count
        let others = used == 0 ? "" : ", \(used) matched by an expectation before"
        return [
            "record \(record.object) with \(fields): no record has these fields (\(candidates.count) \(record.object) records\(others))"
        ]
    }

    // MARK: - Helpers

    /// An output or resource by name; a name with dots (`Get_Account.Name`) is a field path into
    /// the record a resource holds, null when the record or the field is not there.
    static func output(_ name: String, outputs: [String: FlowValue], interview: Interview) -> FlowValue {
        if let value = outputs[name] ?? interview.value(of: name) { return value }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1, var current = outputs[parts[0]] ?? interview.value(of: parts[0]) else { return .null }
        for field in parts.dropFirst() {
            guard let record = current.recordValue else { return .null }
            current = record[field]
        }
        return current
    }

    /// Answer names that match no field on the screen (a typo would otherwise pass unnoticed):
    /// a field's name, or `Component.parameter` for one of a component's outputs.
    static func unknownAnswerNames(_ answers: [String: JSONValue], on prompt: ScreenPrompt) -> [String] {
        answers.keys.sorted().filter { key in
            let lowered = key.lowercased()
            return !prompt.fields.contains { field in
                let name = field.name.lowercased()
                if lowered == name { return true }
                guard lowered.hasPrefix(name + ".") else { return false }
                let parameter = lowered.dropFirst(name.count + 1)
                // An event the screen listens to (`Find.click`), which runs its screen actions.
                if field.events.contains(where: { $0.lowercased() == parameter }) { return true }
                guard field.kind == .component else { return false }
                return field.outputParameters.contains { $0.lowercased() == parameter }
            }
        }
    }

    /// The record change a test starts a record-triggered flow with; nil for a test that gives none.
    private static func triggerEvent(_ test: FlowTestCase, object: String?) throws -> TriggerEvent? {
        guard let record = test.record else {
            if test.prior != nil {
                throw FlowTestFileError(description: "test '\(test.name)': `prior` needs `record` (the record after the change)")
            }
            return nil
        }
        func decode(_ json: JSONValue, _ field: String) throws -> FlowRecord {
            try RecordFixture.record(fromJSON: try JSONEncoder().encode(json), object: object, source: "test '\(test.name)' \(field)")
        }
        return TriggerEvent(record: try decode(record, "record"), prior: try test.prior.map { try decode($0, "prior") })
    }

    private func fixture(_ source: RecordsSource?, directory: String) throws -> RecordFixture? {
        switch source {
        case nil: return nil
        case .path(let path): return try RecordFixture.load(contentsOf: URL(fileURLWithPath: Self.relative(path, to: directory)))
        case .inline(let json):
            let data = try JSONEncoder().encode(json)
            return try RecordFixture(data: data, source: "inline records")
        }
    }

    /// `path` as written in a test file, which is relative to the test file's folder.
    static func relative(_ path: String, to directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return path }
        var parts: [Substring] = []
        let joined = directory + "/" + path
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (joined.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// Expected JSON against an actual value: numbers by value, dates by their text.
    static func matches(_ actual: FlowValue, _ expected: JSONValue) -> Bool {
        if actual.json == expected { return true }
        if case .string(let text) = expected { return actual.displayText == text || actual.json == .string(text) }
        return false
    }

    static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    static func statusName(_ status: InterviewStatus) -> String {
        switch status {
        case .finished: "finished"
        case .failed: "failed"
        case .screen: "screen"
        case .running: "running"
        }
    }

    static func describe(_ status: InterviewStatus) -> String {
        switch status {
        case .finished: "finished"
        case .failed(let error): "failed: \(error)"
        case .screen(let prompt): "waiting at screen '\(prompt.elementName)' (\(prompt.location))"
        case .running: "running"
        }
    }

    private static func place(of element: String, in flow: ValidatedFlow) -> String {
        flow.flow.elements.first { $0.name == element }.map { " (\($0.location))" } ?? " (no such element)"
    }
}
