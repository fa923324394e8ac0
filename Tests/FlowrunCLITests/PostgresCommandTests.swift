import FlowrunCore
import FlowrunPostgres
import Foundation
import PostgresNIO
import Testing

/// `flowrun run` and `flowrun test` with `--database postgres://…`, and a `flowrun run` killed with
/// SIGKILL mid-transaction on PostgreSQL, against the test server (`.ci/run` starts it and sets
/// FLOWRUN_TEST_POSTGRES_URL; without a server these fail).
@Suite(.serialized) struct PostgresCommandTests {
    static var url: String {
        ProcessInfo.processInfo.environment["FLOWRUN_TEST_POSTGRES_URL"]
            ?? "postgres://flowrun:flowrun-test@127.0.0.1:5432/flowrun_test"
    }

    /// Runs `body` with the URL of a fresh schema and a store on it, dropping the schema after.
    static func withFreshSchema(_ body: (String, PostgresRecordStore) async throws -> Void) async throws {
        let database = try PostgresDatabaseURL(url)
        let schema = try PostgresSchemaName("flowrun_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        let client = PostgresClient(configuration: database.clientConfiguration)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let store = PostgresRecordStore(client: client, schema: schema)
        let outcome: Result<Void, any Error>
        do {
            try await body(url + "?schema=\(schema.name)", store)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await store.dropSchema()
        try outcome.get()
    }

    @Test func runToItsEndOnPostgreSQLTheFlowCreatesBothRecords() async throws {
        try await Self.withFreshSchema { database, store in
            let result = try CommandLineTests.flowrun(["run", TransactionKillTests.flow, "--database", database, "--input", "N=10"])
            #expect(result.status == 0, "\(result.stderr)")
            let names = try await store.query(RecordQuery(object: "Account")).map { $0["Name"] }
            #expect(names == ["First", "Second"])
        }
    }

    /// The PostgreSQL twin of `TransactionKillTests.killedBetweenTwoCreatesItLeavesNeither`: the
    /// server rolls back the transaction of a client that vanished.
    @Test func killedBetweenTwoCreatesOnPostgreSQLItLeavesNeither() async throws {
        try await Self.withFreshSchema { database, store in
            try await TransactionKillTests.killAfterFirstCreate(["--database", database])
            #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
            #expect(try await store.recordCount() == 0)
            // The schema is usable at once: no lock of the killed transaction is left behind.
            _ = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "After"]))
            #expect(try await store.recordCount(object: "Account") == 1)
        }
    }

    /// The fixture goes into a new schema once; the next run finds the records the last one left.
    @Test func runKeepsRecordsBetweenRunsAndLoadsTheFixtureOnce() async throws {
        try await Self.withFreshSchema { database, store in
            for _ in 0..<2 {
                let result = try CommandLineTests.flowrun([
                    "run", TransactionKillTests.flow, "--database", database, "--input", "N=1",
                    "--records", "Tests/FlowrunCLITests/Fixtures/conformance/contacts.json",
                ])
                #expect(result.status == 0, "\(result.stderr)")
            }
            #expect(try await store.query(RecordQuery(object: "Account")).map { $0["Name"] } == ["First", "Second", "First", "Second"])
            #expect(try await store.recordCount(object: "Contact") == 1)
        }
    }

    @Test func aDatabaseThatCannotBeUsedIsExit64WithoutThePassword() throws {
        let refused = try CommandLineTests.flowrun([
            "run", TransactionKillTests.flow, "--database", "postgres://flowrun:s3cret@127.0.0.1:1/flowrun_test",
        ])
        #expect(refused.status == 64)
        #expect(
            refused.stderr.hasPrefix(
                "flowrun: records: cannot use the PostgreSQL database flowrun@127.0.0.1:1/flowrun_test: connectionError"))
        #expect(!refused.stderr.contains("s3cret"))

        var parts = try #require(URLComponents(string: Self.url))
        parts.password = "not-the-password"
        let login = try CommandLineTests.flowrun(["test", "flows", "--database", try #require(parts.string)])
        #expect(login.status == 64)
        #expect(login.stderr.contains("password authentication failed for user"))
        #expect(!login.stderr.contains("not-the-password"))

        let file = try CommandLineTests.flowrun(["test", "flows", "--database", "/tmp/records.sqlite"])
        #expect(file.status == 64)
        #expect(file.stderr.contains("--database takes a postgres:// URL (each case gets a fresh schema there)"))
    }

    /// The project's flow tests pass on PostgreSQL, each case in a schema of its own that is gone after.
    @Test func flowTestsRunOnPostgreSQLInSchemasOfTheirOwn() async throws {
        let result = try CommandLineTests.flowrun(["test", "flows", "--database", Self.url])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" passed, 0 failed"))
        let database = try PostgresDatabaseURL(Self.url)
        let client = PostgresClient(configuration: database.clientConfiguration)
        let running = Task { await client.run() }
        defer { running.cancel() }
        // Every case's schema was dropped when the case ended (no other test makes these).
        let rows = try await client.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'flowrun\\_case\\_%'")
        var left = -1
        for try await count in rows.decode(Int.self) { left = count }
        #expect(left == 0)
    }
}
