import Foundation

/// A real SMTP server on this machine for the email tests: Python's `aiosmtpd` running
/// `smtp_test_server.py` (beside this file), with STARTTLS on a self-signed certificate made
/// by `openssl` for the test, and AUTH required after it. `scripts/test` installs aiosmtpd in a
/// virtual environment and puts its `python3` first on PATH.
///
/// Messages the server accepted are read back from the files it writes; recipients starting
/// with `refuse` get a 550.
public final class SMTPTestServer: Sendable {
    public static let username = "flowrun-test"
    public static let password = "s3cret-smtp-password"

    public struct ReceivedMessage: Sendable, Decodable {
        public var mailFrom: String
        public var rcptTos: [String]
        /// The message as the server received it (headers, blank line, body).
        public var data: String
        /// Whether the message came over TLS, and after AUTH.
        public var tls: Bool
        public var authenticated: Bool

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
            case data, tls, authenticated
        }
    }

    public let directory: URL
    public let port: Int
    public let certificatePath: String
    private let process: ChildProcess

    private init(directory: URL, port: Int, certificatePath: String, process: ChildProcess) {
        self.directory = directory
        self.port = port
        self.certificatePath = certificatePath
        self.process = process
    }

    /// The environment that points flowrun's email at this server.
    public var environment: [String: String] {
        [
            "FLOWRUN_SMTP_HOST": "localhost", "FLOWRUN_SMTP_PORT": String(port),
            "FLOWRUN_SMTP_USERNAME": Self.username, "FLOWRUN_SMTP_PASSWORD": Self.password,
            "FLOWRUN_SMTP_FROM": "login@acme.example", "FLOWRUN_SMTP_CA_FILE": certificatePath,
            "FLOWRUN_SMTP_TIMEOUT": "20",
        ]
    }

    /// The messages accepted so far, in order.
    public var messages: [ReceivedMessage] {
        get throws {
            var result: [ReceivedMessage] = []
            var index = 1
            while true {
                let file = directory.appendingPathComponent("message-\(index).json")
                guard let data = try? Data(contentsOf: file) else { return result }
                result.append(try JSONDecoder().decode(ReceivedMessage.self, from: data))
                index += 1
            }
        }
    }

    /// Starts a server; call ``stop()`` when done (``withSMTPTestServer(_:)`` does).
    public static func start() async throws -> SMTPTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            ])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_test_server.py")
        // The server stops when its standard input closes, which ChildProcess does when it ends it
        // and the kernel does if the test process dies.
        let process = try ChildProcess(
            "/usr/bin/env", ["python3", script.path, directory.path, certificate, key, username, password],
            standardError: nil)
        // The server writes its port once it listens; a missing aiosmtpd exits at once instead.
        let portFile = directory.appendingPathComponent("port")
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return SMTPTestServer(directory: directory, port: port, certificatePath: certificate, process: process)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.stop()
        try? FileManager.default.removeItem(at: directory)
        throw SMTPTestServerError("the SMTP test server did not start (is aiosmtpd installed? scripts/test installs it)")
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SMTPTestServerError("\(arguments.first ?? executable) failed with status \(process.terminationStatus)")
        }
    }
}

public struct SMTPTestServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a started ``SMTPTestServer`` and stops it afterwards.
public func withSMTPTestServer<Result: Sendable>(_ body: (SMTPTestServer) async throws -> Result) async throws -> Result {
    let server = try await SMTPTestServer.start()
    defer { server.stop() }
    return try await body(server)
}
