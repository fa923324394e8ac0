import FlowrunCore
import FlowrunPlugins
import FlowrunSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// A browser in a test: keeps the cookies the server sets and sends them back, and finds the CSRF
/// token of the last page, so tests read like a person clicking through.
struct TestBrowser {
    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }
    }

    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?
    var userAgent = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser"

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, headers: [:], body: nil)
    }

    /// Opens the login page (for its CSRF token) and signs in with a password; returns where the
    /// server sent the browser next (a login flow's interview, or the home page).
    mutating func signIn(_ username: String, _ password: String) async throws -> String {
        _ = try await get("/login")
        return try #require(try await post("/login", [("username", username), ("password", password)]).location)
    }

    /// Posts `fields` as a form, with the CSRF token of the last page unless `withCSRF` is false.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)] = [], withCSRF: Bool = true) async throws -> Page {
        var all = fields
        if withCSRF, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try await send(
            path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    /// Follows a 303 once.
    mutating func follow(_ page: Page) async throws -> Page {
        guard page.status == .seeOther, let location = page.location else { return page }
        return try await get(location)
    }

    mutating func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws
        -> Page
    {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        headers[.userAgent] = userAgent
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        for header in page.setCookies {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = Self.csrfToken(in: page.body) { csrf = token }
        return page
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The path of the interview the page belongs to (`/interviews/…`), from its form.
    static func interviewPath(in html: String) -> String? {
        guard let range = html.range(of: "action=\"/interviews/") else { return nil }
        let rest = html[html.index(range.lowerBound, offsetBy: 8)...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// Servers for tests: the fixture flows or the project's flows, records, a fresh key.
enum TestServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var fixtures: String { root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures").path }
    static var projectFlows: String { root.appendingPathComponent("flows").path }

    static let plugins = BuiltinPlugins.registry(environment: [:])

    /// Users with cheap hashes (1,000 iterations keep tests quick; the format is the same).
    static func users() throws -> [FlowRecord] {
        [
            FlowRecord(
                objectType: "User",
                fields: [
                    "Id": "005000000000101AAA", "Name": "Alice Example", "Username": "alice@example.com",
                    "ProfileName": "Terms User", "IsActive": true,
                    "PasswordHash": .string(try PasswordHash.make(password: "correct horse", iterations: 1000)),
                ]),
            FlowRecord(
                objectType: "User",
                fields: [
                    "Id": "005000000000102AAA", "Name": "Bob <Builder>", "Username": "bob@example.com",
                    "ProfileName": "Plain", "IsActive": true,
                    "PasswordHash": .string(try PasswordHash.make(password: "battery staple", iterations: 1000)),
                ]),
        ]
    }

    static func fixtureSetup(
        interviews: (any InterviewStore)? = nil, key: ServerKey = .random(), records: (any RecordStore)? = nil,
        flows: String = fixtures
    ) async throws -> ServerSetup {
        let store: any RecordStore
        let interviewStore: any InterviewStore
        if let records {
            store = records
            interviewStore = try interviews ?? SQLiteInterviewStore()
        } else {
            let sqlite = try SQLiteRecordStore.inMemory()
            for user in try users() { _ = try await sqlite.create(user) }
            store = sqlite
            // As `flowrun serve` opens SQLite: the interview table on the record store's
            // connection, so answers run as one transaction (claim, flow, stored state).
            interviewStore = try interviews ?? SQLiteInterviewStore(sharing: sqlite)
        }
        let configuration = try LoginFlowConfiguration(
            data: Data(#"{"loginFlows": [{"flow": "terms", "profiles": ["Terms User"]}]}"#.utf8), source: "test")
        return ServerSetup(
            catalog: try FlowCatalog(directory: flows, plugins: plugins), records: store,
            interviews: interviewStore, key: key, loginFlows: configuration,
            console: CapturedOutput(), assetsDirectory: nil)
    }

    /// Flows for the hardening tests, in their own folder so the fixture list stays as it is.
    static var hardeningFixtures: String { root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures/Hardening").path }

    /// `fixtureSetup` serving the hardening flows instead.
    static func hardeningSetup(interviews: (any InterviewStore)? = nil) async throws -> ServerSetup {
        var setup = try await fixtureSetup(interviews: interviews)
        setup.catalog = try FlowCatalog(directory: hardeningFixtures, plugins: plugins)
        return setup
    }

    static func run<Value: Sendable>(
        _ setup: ServerSetup, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await WebApp(setup).application(host: "127.0.0.1", port: 0).test(.router) { client in try await test(client) }
    }

    /// The same over a real socket: the request line is sent as written (`%00` and all).
    /// `concurrently` uses AsyncHTTPClient's pool of connections, so requests sent together
    /// reach the server together (the live client pipelines them on one connection).
    static func runLive<Value: Sendable>(
        _ setup: ServerSetup, concurrently: Bool = false,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await WebApp(setup).application(host: "127.0.0.1", port: 0).test(concurrently ? .ahc(.http) : .live) { client in
            try await test(client)
        }
    }
}
