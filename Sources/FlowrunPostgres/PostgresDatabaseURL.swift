import Foundation
import Logging
import PostgresNIO

/// Where a command keeps records in PostgreSQL: `postgres://USER:PASSWORD@HOST:PORT/DATABASE`,
/// with `?schema=NAME` for a schema other than `flowrun`. TLS is not used: the database is
/// expected on the same host or a private network.
///
/// The URL, which holds the password, is never shown: errors name the host, port, user and
/// database only.
public struct PostgresDatabaseURL: Sendable {
    public var host: String
    public var port: Int
    public var username: String
    public var database: String?
    public var schema: PostgresSchemaName
    private var password: String?

    /// Whether `text` is meant as a PostgreSQL URL (rather than, say, a SQLite file's path).
    public static func isPostgres(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// - Throws: `PostgresURLError` for a URL of another form, or a schema that is no identifier.
    public init(_ text: String) throws(PostgresURLError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql", let host = url.host, !host.isEmpty,
            let user = url.user, !user.isEmpty
        else {
            throw PostgresURLError(
                description: "expected a URL like postgres://USER:PASSWORD@HOST:5432/DATABASE "
                    + "(the URL is not shown, it may hold a password)")
        }
        self.host = host
        port = url.port ?? 5432
        username = user
        password = url.password
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? nil : path
        schema = .standard
        for item in url.queryItems ?? [] {
            guard item.name == "schema" else {
                throw PostgresURLError(
                    description: "the PostgreSQL URL has a parameter '\(item.name)'; the only one flowrun reads is ?schema=NAME")
            }
            do {
                schema = try PostgresSchemaName(item.value ?? "")
            } catch {
                throw PostgresURLError(description: "the PostgreSQL URL's schema: \(error)")
            }
        }
    }

    /// Where the database is, for messages: everything but the password.
    public var place: String {
        "\(username)@\(host):\(port)/\(database ?? username)"
    }

    public var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Connects once and hangs up, to say at once why the database cannot be used: the pool of a
    /// `PostgresClient` keeps retrying an unreachable server for a minute before it gives up.
    /// - Throws: `PostgresURLError` with the server's or the network's reason.
    public func checkConnection(logger: Logger = Logger(label: "flowrun.postgres")) async throws(PostgresURLError) {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw PostgresURLError(
                description: "cannot use the PostgreSQL database \(place): \(PostgresRecordErrors.describe(error))")
        }
    }
}

/// A PostgreSQL URL that cannot be used; never shows the URL's password.
public struct PostgresURLError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
