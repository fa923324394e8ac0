import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import PostgresNIO

/// Where `--database` keeps records: a SQLite file, or PostgreSQL when it is a
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` URL.
public enum RecordDatabase {
    /// Runs `body` with the store `database` names (SQLite in memory when nil), loaded from
    /// `fixture` if it holds no records yet. For PostgreSQL a client runs while `body` does and
    /// is shut down after it.
    /// - Throws: `RecordDatabaseError` when the store cannot be opened; what `body` throws, as it is.
    public static func withStore<T>(
        database: String?, fixture: RecordFixture?, _ body: (any RecordStore) async throws -> T
    ) async throws -> T {
        guard let database, PostgresDatabaseURL.isPostgres(database) else {
            let store: SQLiteRecordStore
            do {
                store = try await SQLiteRecordStore.open(path: database, fixture: fixture)
            } catch {
                throw RecordDatabaseError(description: "\(error)")
            }
            return try await body(store)
        }
        return try await withPostgres(url: database) { client, url in
            let store: PostgresRecordStore
            do {
                store = try await PostgresRecordStore.open(client: client, schema: url.schema, fixture: fixture)
            } catch {
                throw RecordDatabaseError(description: "\(error)")
            }
            return try await body(store)
        }
    }

    /// Runs `body` with a running client for the database `text` names. The server is tried
    /// first, so a bad URL, an unreachable server or a refused login is said at once (the
    /// client's pool would retry for a minute), and never with the password.
    /// - Throws: `RecordDatabaseError` when the database cannot be used; what `body` throws, as it is.
    public static func withPostgres<T>(
        url text: String, _ body: (PostgresClient, PostgresDatabaseURL) async throws -> T
    ) async throws -> T {
        let url: PostgresDatabaseURL
        do {
            url = try PostgresDatabaseURL(text)
            try await url.checkConnection()
        } catch {
            throw RecordDatabaseError(description: error.description)
        }
        let client = PostgresClient(configuration: url.clientConfiguration)
        let running = Task { await client.run() }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client, url))
        } catch {
            result = .failure(error)
        }
        // Cancelling run() closes the pool's connections; wait for it, so the server sees them go.
        running.cancel()
        await running.value
        return try result.get()
    }
}

/// The records database could not be opened; the message never shows a URL's password.
public struct RecordDatabaseError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
