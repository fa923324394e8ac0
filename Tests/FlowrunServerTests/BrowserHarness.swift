import AsyncHTTPClient
import FlowrunTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What a browser test runs against: the built `flowrun serve flows` with the development SMS
/// transport writing to an outbox folder, chromedriver, and a headless Chromium session.
/// `scripts/test` installs `chromium` and `chromium-driver`.
enum BrowserHarness {
    /// What a child process writes to standard output, kept as it arrives.
    final class OutputLog: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var contents: String { text.withLock { $0 } }
    }

    /// Starts `executable` with `arguments`, its standard output collected in `log`. The process
    /// (and what it starts, such as chromedriver's Chromium) ends when the value is released.
    static func launch(_ executable: String, _ arguments: [String], log: OutputLog, environment: [String: String] = [:])
        throws -> ChildProcess
    {
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        return try ChildProcess(
            executable, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            standardOutput: pipe, standardError: pipe)
    }

    /// Polls `log` until `pattern` appears in it (the process said it is ready), at most 30 s.
    static func waitFor(_ pattern: String, in log: OutputLog) async throws -> String {
        for _ in 0..<300 {
            if let range = log.contents.range(of: pattern, options: .regularExpression) {
                return String(log.contents[range])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EndToEndError(message: "no '\(pattern)' in: \(log.contents)")
    }

    struct EndToEndError: Error { var message: String }

    /// A free TCP port on 127.0.0.1 (bound, read and released).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw EndToEndError(message: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A WebDriver session: the few commands the test needs.
    struct WebDriver {
        let client: HTTPClient
        let base: String
        var session = ""

        func call(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            }
            let response = try await client.execute(request, timeout: .seconds(60))
            let data = Data(buffer: try await response.body.collect(upTo: 16 << 20))
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            guard response.status.code < 300 else {
                throw EndToEndError(message: "WebDriver \(method) \(path): \(String(decoding: data, as: UTF8.self))")
            }
            return json?["value"]
        }

        mutating func start() async throws {
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": "/usr/bin/chromium",
                            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                        ],
                    ]
                ]
            ]
            let value = try await call(.POST, "/session", capabilities) as? [String: Any]
            session = value?["sessionId"] as? String ?? ""
        }

        func go(_ url: String) async throws { _ = try await call(.POST, "/session/\(session)/url", ["url": url]) }

        func element(_ css: String) async throws -> String {
            let value = try await call(.POST, "/session/\(session)/element", ["using": "css selector", "value": css])
            guard let object = value as? [String: Any], let id = object.values.first as? String else {
                throw EndToEndError(message: "no element \(css)")
            }
            return id
        }

        func type(_ text: String, into css: String) async throws {
            let id = try await element(css)
            _ = try await call(.POST, "/session/\(session)/element/\(id)/value", ["text": text])
        }

        func click(_ css: String) async throws {
            let id = try await element(css)
            _ = try await call(.POST, "/session/\(session)/element/\(id)/click", [:])
        }

        /// Clicks a form's submit button and waits until the browser has left that page (the
        /// button is stale): chromedriver may answer the click before the form's navigation has
        /// begun, and the page read next would then still be the old one. At most 10 s.
        func submit(_ css: String) async throws {
            let id = try await element(css)
            _ = try await call(.POST, "/session/\(session)/element/\(id)/click", [:])
            for _ in 0..<100 {
                do {
                    _ = try await call(.GET, "/session/\(session)/element/\(id)/name")
                } catch {
                    return  // stale: a new document replaced the one with the button
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw EndToEndError(message: "the page did not change after clicking \(css)")
        }

        /// Runs `script` in the page (WebDriver's Execute Script) and returns what it returns.
        func execute(_ script: String) async throws -> Any? {
            try await call(.POST, "/session/\(session)/execute/sync", ["script": script, "args": [Any]()])
        }

        func source() async throws -> String { try await call(.GET, "/session/\(session)/source") as? String ?? "" }
        func url() async throws -> String { try await call(.GET, "/session/\(session)/url") as? String ?? "" }
        func quit() async throws { _ = try await call(.DELETE, "/session/\(session)") }
    }

    /// What a test gets: the browser, the site's address and the SMS outbox.
    struct Site {
        var browser: WebDriver
        var address: String
        var outbox: DevelopmentOutboxReader
    }

    /// Starts the server (fresh database, `FLOWRUN_OUTBOX` set to a fresh folder) and a browser,
    /// runs `body`, and stops them all, whether `body` succeeds or throws.
    /// `directory` is the flows served (the project's by default), `arguments` more options for
    /// `flowrun serve`.
    static func withSite(
        serving directory: String = TestServer.projectFlows, arguments: [String] = [], _ body: (inout Site) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = folder.appendingPathComponent("outbox")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("flowrun").path

        let serverLog = OutputLog()
        // Empty Twilio and TeleSign settings select the development transport, which writes each
        // text message to FLOWRUN_OUTBOX as a JSON file.
        let server = try launch(
            executable,
            [
                "serve", directory, "--port", "0", "--database", folder.appendingPathComponent("db.sqlite").path,
                "--key-file", folder.appendingPathComponent("key").path,
            ] + arguments,
            log: serverLog,
            environment: [
                "FLOWRUN_LOG_LEVEL": "critical", "TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": "", "FLOWRUN_SMS_VENDOR": "",
                "FLOWRUN_POSTGRES_URL": "", "FLOWRUN_OUTBOX": outbox.path,
            ])
        let driverPort = try freePort()
        let driverLog = OutputLog()
        let driver = try launch("/usr/bin/chromedriver", ["--port=\(driverPort)"], log: driverLog)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        // Stopped here too (not only when released) so that a failed test leaves nothing running
        // while the next one starts.
        defer {
            server.stop()
            driver.stop()
        }
        var site = Site(
            browser: WebDriver(client: client, base: "http://127.0.0.1:\(driverPort)"), address: "",
            outbox: DevelopmentOutboxReader(folder: outbox))
        do {
            site.address = "http://" + (try await waitFor(#"127\.0\.0\.1:[0-9]+"#, in: serverLog))
            _ = try await waitFor("started successfully", in: driverLog)
            try await site.browser.start()
            try await body(&site)
            try await site.browser.quit()
        } catch {
            try? await site.browser.quit()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// Starts chromedriver and a headless Chromium, with no server: for pages that are files
    /// (`flowrun test --coverage-html`). Both are stopped however `body` ends.
    static func withBrowser(_ body: (WebDriver) async throws -> Void) async throws {
        let driverPort = try freePort()
        let driverLog = OutputLog()
        let driver = try launch("/usr/bin/chromedriver", ["--port=\(driverPort)"], log: driverLog)
        defer { driver.stop() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var browser = WebDriver(client: client, base: "http://127.0.0.1:\(driverPort)")
        do {
            _ = try await waitFor("started successfully", in: driverLog)
            try await browser.start()
            try await body(browser)
            try await browser.quit()
        } catch {
            try? await browser.quit()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
