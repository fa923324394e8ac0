import ArgumentParser
import FlowrunCore
import FlowrunPlugins
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// `flowrun serve [DIR]`: the flows of a directory as a web application, with login flows.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the flows of a directory as web pages and a JSON API, with login flows.",
        discussion: """
            Flows are the *.xml, *.flow-meta.xml and *.flow files directly in DIR. Records and stored
            interviews are kept in a SQLite file (--database); a new database is loaded from
            DIR/data/demo-records.json when it exists; with --database postgres://USER:PASSWORD@HOST:PORT/DATABASE
            or FLOWRUN_POSTGRES_URL set to such a URL, records and interviews are kept in PostgreSQL
            instead, shared by every server using it. DIR/login-flows.json, when present, maps
            profiles to login flows. The signing key is FLOWRUN_SERVER_KEY (base64, 32+ bytes) or a
            key file created on first start.

            Exit statuses: 0 stopped, 64 usage or set-up error.
            """
    )

    @Argument(help: "The directory of flows to serve.")
    var directory: String = "."

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(
        help: ArgumentHelp(
            "SQLite file for records and stored interviews (default DIR/.flowrun/serve.sqlite), or a postgres:// URL.",
            valueName: "FILE|URL"))
    var database: String?

    @Option(help: ArgumentHelp("Records to load into a new database (default DIR/data/demo-records.json).", valueName: "FILE"))
    var records: String?

    @Option(help: ArgumentHelp("Profiles to login flows, JSON (default DIR/login-flows.json when present).", valueName: "FILE"))
    var loginFlows: String?

    @Option(help: ArgumentHelp("Where the cookie-signing key is kept (default DIR/.flowrun/server-key).", valueName: "FILE"))
    var keyFile: String?

    @Flag(help: "Mark cookies Secure: the server is reached through TLS (also done per request for X-Forwarded-Proto: https).")
    var secureCookies = false

    @Flag(
        help: """
            Show the flow's author a debug view of each interview (its diagram with the path taken, and its trace) \
            at /interviews/ID/debug. Off by default; never for login flows.
            """)
    var debugView = false

    @Option(help: ArgumentHelp("Delete an interview nobody answered for this many hours.", valueName: "HOURS"))
    var interviewLifetime: Double = 24

    @Option(help: ArgumentHelp("Interviews one client address may start in 10 minutes (then 429).", valueName: "N"))
    var startsPerAddress: Int = InterviewStartLimits().perAddress

    @Option(help: ArgumentHelp("Interviews all clients together may start in 10 minutes (then 429).", valueName: "N"))
    var startsTotal: Int = InterviewStartLimits().total

    @Option(help: ArgumentHelp("Close a connection idle (or still sending its headers) for this many seconds.", valueName: "SECONDS"))
    var idleTimeout: Double = ConnectionLimits().idleTimeout

    @Option(
        help: ArgumentHelp(
            "At most this many open connections (new ones wait); lowered to the open-file limit less 64.", valueName: "N"))
    var maxConnections: Int = ConnectionLimits().maximum

    public init() {}

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 (any free port) and 65535") }
        guard interviewLifetime.isFinite, interviewLifetime > 0, interviewLifetime <= 24 * 366 else {
            throw ValidationError("--interview-lifetime must be a number of hours above 0 and at most a year (8784)")
        }
        guard idleTimeout.isFinite, idleTimeout >= 0.1, idleTimeout <= 3600 else {
            throw ValidationError("--idle-timeout must be a number of seconds from 0.1 to 3600")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard startsPerAddress >= 1, startsTotal >= 1 else {
            throw ValidationError("--starts-per-address and --starts-total must be at least 1")
        }
    }

    public func run() async throws {
        var postgres: (client: PostgresClient, schema: PostgresSchemaName)?
        var clientTask: Task<Void, Never>?
        let setup: ServerSetup
        do {
            if let text = try postgresURL() {
                let url = try PostgresDatabaseURL(text)
                // Said at once: the client's pool would retry an unreachable server for a minute.
                try await url.checkConnection()
                let client = PostgresClient(configuration: url.clientConfiguration)
                clientTask = Task { await client.run() }
                postgres = (client, url.schema)
            }
            setup = try await makeSetup(postgres: postgres)
        } catch {
            clientTask?.cancel()
            FileHandle.standardError.write(Data("flowrun serve: \(error)\n".utf8))
            throw ExitCode(64)
        }
        defer { clientTask?.cancel() }
        for (file, diagnostics) in setup.catalog.refused.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("flowrun serve: not serving \(file), it has errors:\n\(diagnostics)\n".utf8))
        }
        if debugView {
            FileHandle.standardError.write(
                Data(
                    "flowrun serve: --debug-view is on: each interview's path and trace are shown to its session at /interviews/ID/debug (not for login flows); do not use it in production\n"
                        .utf8))
        }
        let count = setup.catalog.flows.count
        let app = WebApp(setup).application(host: host, port: port) { [directory, host] channel in
            let bound = channel.localAddress?.port ?? 0
            FileHandle.standardOutput.write(Data("Serving \(count) flow(s) from \(directory) at http://\(host):\(bound)/\n".utf8))
        }
        try await app.runService()
    }

    /// The SQLite file for records and interviews, its folder created.
    private func sqlitePath() throws -> String {
        let databasePath = database ?? path(".flowrun/serve.sqlite")
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ServerSetupError("cannot create \(folder): \(error.localizedDescription)")
        }
        return databasePath
    }

    private func path(_ relative: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(relative).path
    }

    /// The PostgreSQL URL records and interviews go to, if any: `--database` when it is one, else
    /// FLOWRUN_POSTGRES_URL. Both that variable and a `--database` file is a contradiction.
    private func postgresURL() throws -> String? {
        if let database, PostgresDatabaseURL.isPostgres(database) { return database }
        guard let url = ProcessInfo.processInfo.environment["FLOWRUN_POSTGRES_URL"], !url.isEmpty else { return nil }
        if database != nil {
            throw ServerSetupError(
                "FLOWRUN_POSTGRES_URL keeps records and interviews in PostgreSQL, so --database FILE would not be used; give one of them")
        }
        return url
    }

    func makeSetup(postgres: (client: PostgresClient, schema: PostgresSchemaName)?) async throws -> ServerSetup {
        let environment = ProcessInfo.processInfo.environment
        let plugins = BuiltinPlugins.registry(environment: environment)
        let catalog = try FlowCatalog(directory: directory, plugins: plugins)

        var fixturePath = records
        if fixturePath == nil, FileManager.default.fileExists(atPath: path("data/demo-records.json")) {
            fixturePath = path("data/demo-records.json")
        }
        let recordStore: any RecordStore
        let interviewStore: any InterviewStore
        let accessStore: any AccessStore
        do {
            let fixture = try fixturePath.map { try RecordFixture.load(contentsOf: URL(fileURLWithPath: $0)) }
            if let postgres {
                recordStore = try await PostgresRecordStore.open(client: postgres.client, schema: postgres.schema, fixture: fixture)
                let store = PostgresInterviewStore(client: postgres.client)
                try await store.prepare()
                interviewStore = store
                let access = PostgresAccessStore(client: postgres.client)
                try await access.prepare()
                accessStore = access
            } else {
                let databasePath = try sqlitePath()
                let records = try await SQLiteRecordStore.open(path: databasePath, fixture: fixture)
                recordStore = records
                // One connection for all three, so this server's writes queue instead of waiting on each other's locks.
                interviewStore = try SQLiteInterviewStore(sharing: records)
                accessStore = try SQLiteAccessStore(sharing: records)
            }
            // Every field the served flows look records up by is indexed before the first request.
            try await recordStore.prepareIndexes(for: catalog.flows.values.sorted { $0.name < $1.name }.flatMap(\.queriedFields))
        } catch let error as ServerSetupError {
            throw error
        } catch {
            throw ServerSetupError("\(error)")
        }

        var loginConfiguration = LoginFlowConfiguration()
        let configurationPath = loginFlows ?? path("login-flows.json")
        if let data = FileManager.default.contents(atPath: configurationPath) {
            loginConfiguration = try LoginFlowConfiguration(data: data, source: configurationPath)
            for flow in Set(loginConfiguration.flowByProfile.values) where catalog[flow] == nil {
                throw ServerSetupError(
                    "\(configurationPath): login flow '\(flow)' is not a flow in \(directory) that checks without errors")
            }
        } else if loginFlows != nil {
            throw ServerSetupError("cannot read the login flow configuration \(configurationPath)")
        }

        let key = try ServerKey.load(environment: environment, keyFile: keyFile ?? path(".flowrun/server-key"))
        let assets = path("assets")
        var setup = ServerSetup(
            catalog: catalog, records: recordStore, interviews: interviewStore, access: accessStore, key: key,
            loginFlows: loginConfiguration,
            console: StandardOutput(), logger: Logger(label: "flowrun.serve"), secureCookies: secureCookies,
            assetsDirectory: FileManager.default.fileExists(atPath: assets) ? assets : nil, debugView: debugView)
        setup.interviewLifetime = interviewLifetime * 3600
        setup.startLimits = InterviewStartLimits(perAddress: startsPerAddress, total: startsTotal)
        setup.connections = ConnectionLimits(idleTimeout: idleTimeout, maximum: maxConnections).fittingTheOpenFileLimit()
        return setup
    }
}

/// `flowrun password-hash`: reads a password from standard input and prints its PBKDF2 hash, the
/// value for a User record's `PasswordHash` field.
public struct PasswordHashCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "password-hash",
        abstract: "Print the PBKDF2-HMAC-SHA256 hash of a password read from standard input (for User.PasswordHash).")

    public init() {}

    public func run() throws {
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            throw ValidationError("type the password on standard input")
        }
        print(try PasswordHash.make(password: password))
    }
}
