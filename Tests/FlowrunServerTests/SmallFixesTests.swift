import FlowrunCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// Issue 14's smaller findings: a screen label with a merge field, a JSON number beyond what a
/// flow number holds, and the demo logo on interview pages.
@Suite struct SmallFixesTests {
    @Test func aScreenLabelMergesItsFieldsAsText() async throws {
        try await TestServer.run(try await TestServer.hardeningSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let ask = try await browser.follow(try await browser.post("/flows/greeting/start"))
            let path = try #require(TestBrowser.interviewPath(in: ask.body))
            let greet = try await browser.follow(try await browser.post(path, [("field.Name", "Ada <b>L</b>"), ("action", "next")]))
            #expect(greet.body.contains("<title>Hello Ada &lt;b&gt;L&lt;/b&gt;</title>"))
            #expect(greet.body.contains("<h1>Hello Ada &lt;b&gt;L&lt;/b&gt;</h1>"))
            #expect(!greet.body.contains("{!Name}"))
        }
    }

    @Test func aLargeJSONNumberIsNotCalledInvalidJSON() async throws {
        try await TestServer.run(try await TestServer.hardeningSetup()) { client in
            func post(_ body: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await client.execute(
                    uri: "/api/v1/flows/greeting/interviews", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: body))
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return (response.status, object?["error"] as? String ?? "")
            }
            // Valid JSON: refused for what it is, a number no flow number holds, not as bad JSON.
            let huge = try await post(#"{"inputs": {"Amount": 1e308}}"#)
            #expect(huge.0 == .badRequest)
            #expect(huge.1 == WebApp.numberOutOfRange)
            let tiny = try await post(#"{"inputs": {"Amount": -1e-308}}"#)
            #expect(tiny.1 == WebApp.numberOutOfRange)
            // Numbers a flow number holds go through to the flow (which has no input of that name).
            let fits = try await post(#"{"inputs": {}, "padding": 1e100}"#)
            #expect(fits.0 == .created)
            // Not numbers at all: invalid JSON.
            for broken in [#"{"inputs": {"Amount": 1e}}"#, #"{"inputs": {"Amount": NaN}}"#, #"{"inputs": {"Amount": 1e999}}"#] {
                let refused = try await post(broken)
                #expect(refused.0 == .badRequest, "\(broken)")
                #expect(refused.1 == "The body is not valid JSON.", "\(broken)")
            }
        }
    }

    /// The demo's code screens show the logo by an absolute path, so it loads on `/interviews/…`.
    @Test func theDemoLogoLoadsFromAnInterviewPage() async throws {
        var setup = try await LoginTests.projectSetup(console: CapturedOutput())
        setup.assetsDirectory = TestServer.root.appendingPathComponent("flows/assets").path
        try await TestServer.run(setup) { client in
            var browser = TestBrowser(client)
            let location = try await browser.signIn("ada@example.com", "lovelace-1815")
            #expect(location.hasPrefix("/interviews/"))
            let page = try await browser.get(location)
            let range = try #require(page.body.range(of: #"<img src=""#))
            let source = String(page.body[range.upperBound...].prefix { $0 != "\"" })
            #expect(source == "/assets/acme-logo.svg")
            // Where a browser on this page would fetch it from.
            let resolved = try #require(URL(string: source, relativeTo: URL(string: "http://localhost" + location)))
            let logo = try await client.execute(uri: resolved.path, method: .get)
            #expect(logo.status == .ok)
            #expect(logo.headers[.contentType] == "image/svg+xml")
        }
    }
}
