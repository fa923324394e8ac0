import FlowrunTestSupport
import Foundation
import Testing

/// Every line a run writes (standard output, standard error with --trace and the most verbose
/// log level, the --trace-json file) searched for the one-time code: it appears only where the
/// development transport is meant to show it, and nowhere at all when the code went out by SMS
/// or email.
@Suite("One-time codes stay secret", .serialized) struct OTPHygieneTests {
    struct Run {
        var status: Int32
        var lines: [String]
    }

    /// `flowrun run` twice, with the text trace (`--trace`, on stderr) and with the JSON trace
    /// (`--trace-json`), logging at `trace`: every line of stdout, stderr and the JSON trace of both.
    static func run(_ arguments: [String], answers: String, environment: [String: String]) throws -> Run {
        let answersFile = try CommandLineTests.temporaryFile(answers)
        let traceFile = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-trace-\(UUID().uuidString).jsonl")
        var environment = environment
        environment["FLOWRUN_LOG_LEVEL"] = "trace"
        let common = arguments + ["--seed", "7", "--answers", answersFile, "--format", "json"]
        let text = try CommandLineTests.flowrun(common + ["--trace"], environment: environment)
        let json = try CommandLineTests.flowrun(common + ["--trace-json", traceFile.path], environment: environment)
        let trace = (try? String(contentsOf: traceFile, encoding: .utf8)) ?? ""
        let lines = [text.stdout, text.stderr, json.stdout, json.stderr, trace].flatMap { $0.split(separator: "\n").map(String.init) }
        return Run(status: max(text.status, json.status), lines: lines)
    }

    /// The code `--seed 7` makes, learnt from a development run that stops at the code screen.
    static func seededCode(_ arguments: [String], answers: String = "[]", environment: [String: String] = [:]) throws -> String {
        let result = try CommandLineTests.flowrun(
            arguments + ["--seed", "7", "--answers", CommandLineTests.temporaryFile(answers)], environment: environment)
        #expect(result.status == 3)
        return try #require(FlowHarness.codes(in: result.stdout).first)
    }

    @Test func theDevelopmentTransportShowsTheCodeInItsMessageLineOnly() throws {
        let code = try Self.seededCode(["flows/sms2fa.xml"])
        let run = try Self.run(["flows/sms2fa.xml"], answers: #"[{"answers": {"Code": "\#(code)"}}]"#, environment: [:])
        #expect(run.status == 0)
        #expect(run.lines.contains { $0.contains("\"Verified\" : true") })
        // Two runs, so the development transport's message line twice, and nothing else.
        #expect(run.lines.filter { $0.contains(code) } == Array(repeating: "Message: Your verification code is: \(code)", count: 2))
        #expect(run.lines.contains { $0.hasPrefix("trace:") })
        #expect(run.lines.contains { $0.hasPrefix("{") && $0.contains("Verify_Code") })
    }

    @Test func aCodeSentByTwilioAppearsNowhereLocally() async throws {
        let code = try Self.seededCode(["flows/sms2fa.xml"])
        try await withTwilioTestServer { server in
            let run = try Self.run(["flows/sms2fa.xml"], answers: #"[{"answers": {"Code": "\#(code)"}}]"#, environment: server.environment)
            #expect(run.status == 0)
            #expect(server.messages.first?.body == "Your verification code is: \(code)")
            #expect(run.lines.contains { $0.contains("\"Verified\" : true") })
            #expect(run.lines.filter { $0.contains(code) } == [])
            #expect(run.lines.filter { $0.contains(TwilioTestServer.defaultAuthToken) } == [])
            #expect(run.lines.count > 20)
        }
    }

    @Test func aCodeSentByEmailAppearsNowhereLocally() async throws {
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-outbox-\(UUID().uuidString)")
        let arguments = ["flows/login2fa.xml", "--input", "LoginFlow_UserId=005000000000002AAA"]
        let development = try CommandLineTests.flowrun(
            arguments + ["--seed", "7", "--answers", CommandLineTests.temporaryFile(#"[{"answers": {}}]"#)],
            environment: ["FLOWRUN_OUTBOX": outbox.path])
        #expect(development.status == 3)
        #expect(development.stdout.contains("Saved to: \(outbox.path)/"))
        let eml = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox.path).first)
        let code = try #require(FlowHarness.codes(in: String(contentsOf: outbox.appendingPathComponent(eml), encoding: .utf8)).first)
        #expect(!development.stdout.contains(code))

        try await withSMTPTestServer { server in
            let run = try Self.run(
                arguments, answers: #"[{"answers": {}}, {"answers": {"Code": "\#(code)"}}]"#, environment: server.environment)
            #expect(run.status == 0)
            #expect(try server.messages.first?.data.contains("Your verification code is: \(code)") == true)
            #expect(run.lines.contains { $0.contains("\"Verified\" : true") })
            #expect(run.lines.filter { $0.contains(code) } == [])
            #expect(run.lines.filter { $0.contains(SMTPTestServer.password) } == [])
        }
    }
}
