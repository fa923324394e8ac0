import FlowrunCore
import FlowrunSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// Interviews are stored after every screen: a new server over the same SQLite file (and key)
/// resumes them where they were.
@Suite struct RestartTests {
    @Test func aRestartedServerResumesTheInterview() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("serve.sqlite").path
        let keyFile = folder.appendingPathComponent("server-key").path
        let key = try ServerKey.load(environment: [:], keyFile: keyFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // The first server: start the survey and answer its first screen.
        let first = try await TestServer.fixtureSetup(interviews: try SQLiteInterviewStore(path: database), key: key)
        let (cookies, location) = try await TestServer.run(first) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.get(location)
            _ = try await browser.post(location, [("field.Full_Name", "Katherine"), ("action", "next")])
            return (browser.cookies, location)
        }

        // A second server, as after a restart: same file, the key read back from its file.
        let reloaded = try ServerKey.load(environment: [:], keyFile: keyFile)
        let second = try await TestServer.fixtureSetup(interviews: try SQLiteInterviewStore(path: database), key: reloaded)
        try await TestServer.run(second) { client in
            var browser = TestBrowser(client)
            browser.cookies = cookies
            let page = try await browser.get(location)
            #expect(page.body.contains("<h1>Confirm</h1>"))
            #expect(page.body.contains("Thank you, Katherine."))
            _ = try await browser.post(location, [("action", "finish")])
            let done = try await browser.get(location)
            #expect(done.body.contains("<dt>Summary</dt><dd>Katherine</dd>"))
        }
    }

    @Test func theKeyComesFromTheEnvironmentWhenSet() throws {
        let encoded = Data(repeating: 7, count: 32).base64EncodedString()
        let key = try ServerKey.load(environment: ["FLOWRUN_SERVER_KEY": encoded], keyFile: "/nonexistent/key")
        let other = try ServerKey.load(environment: ["FLOWRUN_SERVER_KEY": encoded], keyFile: "/nonexistent/key")
        let signed = key.sign(Data("payload".utf8))
        #expect(other.verify(signed) == Data("payload".utf8))
        #expect(ServerKey.random().verify(signed) == nil)
        #expect(throws: ServerSetupError.self) {
            try ServerKey.load(environment: ["FLOWRUN_SERVER_KEY": "c2hvcnQ="], keyFile: "/nonexistent/key")
        }
    }
}
