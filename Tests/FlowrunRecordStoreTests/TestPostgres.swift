import FlowrunCore
import FlowrunPostgres
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

/// The PostgreSQL server the `.postgres` cases run on: FLOWRUN_TEST_POSTGRES_URL (`.ci/run` starts
/// a server and sets it), or the local test server `.ci/run` makes. Without a server they fail,
/// never pass unnoticed.
enum TestPostgres {
    static var url: String {
        ProcessInfo.processInfo.environment["FLOWRUN_TEST_POSTGRES_URL"]
            ?? "postgres://flowrun:flowrun-test@127.0.0.1:5432/flowrun_test"
    }

    static func configuration() throws -> PostgresClient.Configuration {
        try PostgresDatabaseURL(url).clientConfiguration
    }

    /// One client for the whole test process, running until the process ends.
    static let client: PostgresClient = {
        // A URL that does not parse is reported by `makeStore` before the client is first used.
        let fallback = PostgresClient.Configuration(
            host: "127.0.0.1", username: "flowrun", password: nil, database: nil, tls: .disable)
        let client = PostgresClient(configuration: (try? configuration()) ?? fallback)
        Task { await client.run() }
        return client
    }()

    /// A schema no other test (or test process) uses.
    static func freshSchema() throws -> PostgresSchemaName {
        try PostgresSchemaName("flowrun_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
    }

    /// A prepared store in a fresh schema, dropped after the test when the test runs under
    /// `.temporaryPostgresSchemas`.
    static func makeStore(
        client: PostgresClient = client, schema: PostgresSchemaName? = nil,
        lockWait: Duration = PostgresRecordStore.standardLockWait
    ) async throws -> PostgresRecordStore {
        _ = try configuration()
        let schema = try schema ?? freshSchema()
        let store = PostgresRecordStore(client: client, schema: schema, lockWait: lockWait)
        try await store.prepare()
        createdSchemas?.add(schema)
        return store
    }

    /// Runs `body` with a client of its own, as a second server would have, running meanwhile.
    static func withOwnClient<T: Sendable>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: try configuration())
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// The schemas made during the current test, to drop when it ends.
    @TaskLocal static var createdSchemas: SchemaList?

    final class SchemaList: Sendable {
        private let schemas = Mutex<[PostgresSchemaName]>([])
        func add(_ schema: PostgresSchemaName) { schemas.withLock { $0.append(schema) } }
        var all: [PostgresSchemaName] { schemas.withLock { $0 } }
    }
}

/// Drops the PostgreSQL schemas each test case made, whether it passed or not.
struct TemporaryPostgresSchemas: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        let schemas = TestPostgres.SchemaList()
        let outcome: Result<Void, any Error>
        do {
            try await TestPostgres.$createdSchemas.withValue(schemas) { try await function() }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        for schema in schemas.all {
            try? await PostgresRecordStore(client: TestPostgres.client, schema: schema).dropSchema()
        }
        try outcome.get()
    }
}

extension Trait where Self == TemporaryPostgresSchemas {
    /// Drop the PostgreSQL schemas a test case made when it ends.
    static var temporaryPostgresSchemas: Self { TemporaryPostgresSchemas() }
}
