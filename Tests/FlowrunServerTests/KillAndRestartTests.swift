import AsyncHTTPClient
import FlowrunTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The built `flowrun serve`, killed with SIGKILL between two screens and started again over the
/// same directory: the browser's interview carries on where it was.
@Suite(.serialized) struct KillAndRestartTests {
    /// A running `flowrun serve` process and the port it reported. It is killed when released,
    /// so a test that fails or throws leaves no server behind.
    final class ServerProcess {
        let process: ChildProcess
        let port: Int

        init(directory: String, environment extra: [String: String] = [:], arguments: [String] = []) throws {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("flowrun")
            var environment = ProcessInfo.processInfo.environment
            environment["FLOWRUN_LOG_LEVEL"] = "critical"
            environment["FLOWRUN_SERVER_KEY"] = nil
            environment["FLOWRUN_POSTGRES_URL"] = nil
            environment.merge(extra) { $1 }
            let output = Pipe()
            process = try ChildProcess(
                executable.path, ["serve", directory, "--port", "0"] + arguments, environment: environment, standardOutput: output)
            // The first line says where it listens: "Serving N flow(s) from DIR at http://127.0.0.1:PORT/".
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "127.0.0.1:"), let port = Int(text[range.upperBound...].prefix { $0.isNumber })
            else {
                process.kill()
                throw ServerFailedToStart(output: text)
            }
            self.port = port
        }

        /// Kills the server with SIGKILL, as a crash would, and waits for it.
        func kill() { process.kill(SIGKILL) }

        deinit { kill() }
    }

    struct ServerFailedToStart: Error { var output: String }

    /// A browser over a real HTTP connection: cookies kept, CSRF token read from each page.
    struct Browser {
        let client: HTTPClient
        var cookies: [String: String] = [:]
        var csrf: String?

        mutating func request(_ url: String, form: [(String, String)]? = nil) async throws -> (Int, String, String?) {
            var request = HTTPClientRequest(url: url)
            if !cookies.isEmpty {
                request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            }
            if let form {
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                let fields = form + (csrf.map { [("_csrf", $0)] } ?? [])
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let body = fields.map {
                    "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                }.joined(separator: "&")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await client.execute(request, timeout: .seconds(30))
            for header in response.headers["Set-Cookie"] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                cookies[String(pair[0])] = pair.count > 1 && !header.contains("Max-Age=0") ? String(pair[1]) : nil
            }
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            if let range = body.range(of: "name=\"_csrf\" value=\"") {
                let rest = body[range.upperBound...]
                csrf = rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            return (Int(response.status.code), body, response.headers.first(name: "Location"))
        }
    }

    @Test func aKilledServerResumesTheInterviewAfterARestart() async throws {
        let folder = try Self.folderWithTheSurvey(named: "flowrun-kill")
        defer { try? FileManager.default.removeItem(at: folder) }

        // Redirects are the browser's business here: the test follows them itself.
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        var browser = Browser(client: client)
        var servers: [ServerProcess] = []
        defer { servers.forEach { $0.kill() } }
        do {
            let first = try ServerProcess(directory: folder.path)
            servers.append(first)
            let base = "http://127.0.0.1:\(first.port)"
            _ = try await browser.request(base + "/")
            let (status, _, location) = try await browser.request(base + "/flows/survey/start", form: [])
            #expect(status == 303)
            let path = try #require(location)
            _ = try await browser.request(base + path)
            _ = try await browser.request(base + path, form: [("field.Full_Name", "Dorothy"), ("action", "next")])
            first.kill()

            let second = try ServerProcess(directory: folder.path)
            servers.append(second)
            let again = "http://127.0.0.1:\(second.port)"
            let (code, page, _) = try await browser.request(again + path)
            #expect(code == 200)
            #expect(page.contains("Thank you, Dorothy."))
            _ = try await browser.request(again + path, form: [("action", "finish")])
            let (_, done, _) = try await browser.request(again + path)
            #expect(done.contains("<dt>Summary</dt><dd>Dorothy</dd>"))
            second.kill()
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// Two servers share PostgreSQL and the signing key; the one that started the interview is
    /// killed, and the other finishes it.
    @Test func aSecondServerFinishesWhatAKilledOneStartedThroughPostgreSQL() async throws {
        let folder = try Self.folderWithTheSurvey(named: "flowrun-pg")
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = [
            "FLOWRUN_POSTGRES_URL": PostgresInterviewStoreTests.url,
            "FLOWRUN_SERVER_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString(),
        ]
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        var browser = Browser(client: client)
        var servers: [ServerProcess] = []
        defer { servers.forEach { $0.kill() } }
        do {
            // Interviews and records live in PostgreSQL (its flowrun schema), shared by both servers.
            let one = try ServerProcess(directory: folder.path, environment: shared)
            servers.append(one)
            let other = try ServerProcess(directory: folder.path, environment: shared)
            servers.append(other)
            let first = "http://127.0.0.1:\(one.port)"
            _ = try await browser.request(first + "/")
            let (_, _, location) = try await browser.request(first + "/flows/survey/start", form: [])
            let path = try #require(location)
            _ = try await browser.request(first + path, form: [("field.Full_Name", "Hedy"), ("action", "next")])
            one.kill()

            let second = "http://127.0.0.1:\(other.port)"
            let (code, page, _) = try await browser.request(second + path)
            #expect(code == 200)
            #expect(page.contains("Thank you, Hedy."))
            _ = try await browser.request(second + path, form: [("action", "finish")])
            let (_, done, _) = try await browser.request(second + path)
            #expect(done.contains("<dt>Summary</dt><dd>Hedy</dd>"))
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// A fresh temporary folder holding the survey fixture flow, for a server to serve.
    static func folderWithTheSurvey(named prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestServer.root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures/survey.xml").path,
            toPath: folder.appendingPathComponent("survey.xml").path)
        return folder
    }
}
