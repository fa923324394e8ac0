import Foundation
import Testing

/// `flowrun test` over several files says how far along it is on standard error, only when that
/// is a terminal: through a pipe (a log, CI) nothing but the results is written.
@Suite struct ProgressTests {
    static let folders = ["Tests/FlowrunCLITests/Fixtures/coverage-html", "Tests/FlowrunCLITests/Fixtures/lookups"]

    @Test func nothingButTheResultsWhenTheOutputIsAPipe() throws {
        let result = try CommandLineTests.flowrun(["test"] + Self.folders)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr == "")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("Testing:"))
        #expect(result.stdout.hasPrefix("✔ Greeting: a morning greeting\n"))
    }

    /// script(1) runs the command on a pseudo-terminal, as a person's shell does.
    @Test func aLineThatRewritesItselfOnATerminal() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([Project.executable.path, "test"] + Self.folders).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
        process.currentDirectoryURL = Project.root
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[2KTesting: 0/2 files (0%) Tests/FlowrunCLITests/Fixtures/coverage-html/Greeting.flowtest.json"))
        #expect(text.contains("\r\u{1B}[2KTesting: 1/2 files (50%) Tests/FlowrunCLITests/Fixtures/lookups/Account_Phone.flowtest.json"))
        // The line is cleared before the results, which start on a clean line.
        #expect(text.contains("Account_Phone.flowtest.json\r\u{1B}[2K✔ Greeting: a morning greeting"))
    }
}
