import FlowrunCore
import FlowrunSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// A flow edited while interviews of it wait (issue 14, point 8): a server restarted with the new
/// version goes on with them when every name they hold still means the same thing, and otherwise
/// answers 410 Gone with a page (or the API's `error`) saying the flow changed. It never traps.
@Suite struct FlowEditTests {
    static let survey = TestServer.root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures/survey.xml")
    static let terms = TestServer.root.appendingPathComponent("Tests/FlowrunServerTests/Fixtures/terms.xml")

    /// A folder with the survey (changed by `edit`) and the login flow, as `flowrun serve` reads.
    static func flows(in folder: URL, _ name: String, edit: (String) -> String = { $0 }) throws -> String {
        let directory = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let survey = try String(contentsOf: Self.survey, encoding: .utf8)
        try edit(survey).write(to: directory.appendingPathComponent("survey.xml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.terms, to: directory.appendingPathComponent("terms.xml"))
        return directory.path
    }

    static let addedVariable = """
        <variables>
                <name>Added</name>
                <dataType>String</dataType>
                <isCollection>false</isCollection>
                <isInput>false</isInput>
                <isOutput>true</isOutput>
                <value>
                    <stringValue>new</stringValue>
                </value>
            </variables>
            <variables>
                <name>Summary</name>
        """

    @Test func anEditedFlowGoesOnWhenItsNamesStillMeanTheSameAndOtherwiseSaysItChanged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-flow-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("serve.sqlite").path
        let key = ServerKey.random()
        let original = try Self.flows(in: folder, "original")
        // A variable added (before the others, so every slot after it moves).
        let added = try Self.flows(in: folder, "added") {
            $0.replacingOccurrences(of: "<variables>\n        <name>Summary</name>", with: Self.addedVariable)
        }
        // The output renamed: the interviews hold 'Summary', which is gone.
        let renamed = try Self.flows(in: folder, "renamed") { $0.replacingOccurrences(of: "Summary", with: "Outcome") }

        let json: HTTPFields = [.contentType: "application/json"]
        let first = try await TestServer.fixtureSetup(interviews: try SQLiteInterviewStore(path: database), key: key, flows: original)
        let (cookies, answered, waiting, api) = try await TestServer.run(first) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let answered = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.get(answered)
            _ = try await browser.post(answered, [("field.Full_Name", "Katherine"), ("action", "next")])
            let waiting = try #require(try await browser.post("/flows/survey/start").location)
            let started = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json, body: ByteBuffer(string: "{}"))
            let state = try #require(try JSONSerialization.jsonObject(with: Data(buffer: started.body)) as? [String: Any])
            let api = (try #require(state["id"] as? String), try #require(state["token"] as? String))
            return (browser.cookies, answered, waiting, api)
        }

        let second = try await TestServer.fixtureSetup(interviews: try SQLiteInterviewStore(path: database), key: key, flows: added)
        try await TestServer.run(second) { client in
            var browser = TestBrowser(client)
            browser.cookies = cookies
            let page = try await browser.get(answered)
            #expect(page.status == .ok)
            #expect(page.body.contains("Thank you, Katherine."))
            _ = try await browser.post(answered, [("action", "finish")])
            let done = try await browser.get(answered)
            #expect(done.body.contains("<dt>Added</dt><dd>new</dd><dt>Summary</dt><dd>Katherine</dd>"))
        }

        let third = try await TestServer.fixtureSetup(interviews: try SQLiteInterviewStore(path: database), key: key, flows: renamed)
        try await TestServer.run(third) { client in
            var browser = TestBrowser(client)
            browser.cookies = cookies
            let page = try await browser.get(waiting)
            #expect(page.status == .gone)
            #expect(
                page.body.contains(
                    "<h1>Gone</h1><p>This interview cannot go on: flow &#39;survey&#39; has changed since it was saved (&#39;Summary&#39; is no longer in it). Start the flow again.</p>"
                ))
            _ = try await browser.get("/")  // for the form's CSRF token
            let answer = try await browser.post(waiting, [("field.Full_Name", "Ada"), ("action", "next")])
            #expect(answer.status == .gone)

            let (id, token) = api
            let read = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(read.status == .gone)
            #expect(
                String(buffer: read.body)
                    == #"{"error":"This interview cannot go on: flow 'survey' has changed since it was saved ('Summary' is no longer in it). Start the flow again."}"#
            )
        }
    }
}
