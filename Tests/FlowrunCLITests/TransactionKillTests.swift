import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// A process killed with SIGKILL in the middle of a flow transaction leaves none of its changes:
/// the transaction was never committed, so the database still holds what it held before.
@Suite struct TransactionKillTests {
    static let flow = Project.path("Tests/FlowrunCLITests/Fixtures/transactions/Two_Creates.flow-meta.xml")

    /// The flow run to its end creates both Accounts: the control for the test below.
    @Test func runToItsEndTheFlowCreatesBothRecords() async throws {
        let database = temporaryDatabase()
        let result = try CommandLineTests.flowrun(["run", Self.flow, "--database", database, "--input", "N=10"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try await SQLiteRecordStore(path: database).query(RecordQuery(object: "Account")).map(\.["Name"])
        #expect(names == ["First", "Second"])
    }

    @Test func killedBetweenTwoCreatesItLeavesNeither() async throws {
        let database = temporaryDatabase()
        try await Self.killAfterFirstCreate(["--database", database])
        let store = try SQLiteRecordStore(path: database)
        #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
        #expect(try await store.recordCount() == 0)
    }

    /// Runs the flow with `--trace` and kills it with SIGKILL as soon as the trace shows the first
    /// Create Records done. The trace of the loop that follows fills the pipe, which is no longer
    /// read, so the process cannot reach the second create before it is killed.
    static func killAfterFirstCreate(_ options: [String]) async throws {
        let process = Process()
        process.executableURL = Project.executable
        process.arguments = ["run", flow, "--input", "N=1000000", "--max-steps", "100000000", "--no-limits", "--trace"] + options
        process.currentDirectoryURL = Project.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var seen = ""
        let reader = errors.fileHandleForReading
        while !seen.contains("create Account → 1 row") {
            let chunk = reader.availableData
            #expect(!chunk.isEmpty, "the flow ended before its first create showed in the trace: \(seen.suffix(2000))")
            if chunk.isEmpty { return }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-kill-\(UUID().uuidString).sqlite").path
    }
}
