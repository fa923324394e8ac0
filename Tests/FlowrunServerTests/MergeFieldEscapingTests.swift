import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// What a person typed, merged into display text, comes back as the text they typed: never a
/// live link or image, on the page or in the API's `html`. The flow author's markup around it
/// (a logo, bold, a rich text template) stays markup.
@Suite struct MergeFieldEscapingTests {
    static let typed = #"<a href="https://evil.example/">click</a> <img src=https://evil.example/x.png>"#
    static let typedAsText =
        "&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt; &lt;img src=https://evil.example/x.png&gt;"
    static let greeting =
        #"<p><img src="/assets/acme-logo.svg" alt="Acme"></p><p>Welcome, <b>"# + typedAsText + "</b>!</p><p><i>Signed for</i> "
        + typedAsText + "</p>"

    @Test func aTypedLinkAndImageAreTextOnThePage() async throws {
        try await TestServer.run(try await TestServer.hardeningSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let ask = try await browser.follow(try await browser.post("/flows/greeting/start"))
            let path = try #require(TestBrowser.interviewPath(in: ask.body))
            let greet = try await browser.follow(try await browser.post(path, [("field.Name", Self.typed), ("action", "next")]))
            #expect(greet.status == .ok)
            #expect(greet.body.contains(#"<div class="display-text">"# + Self.greeting + "</div>"))
            #expect(!greet.body.contains("<a href=\"https://evil.example/"))
            #expect(!greet.body.contains("<img src=\"https://evil.example"))
        }
    }

    @Test func aTypedLinkAndImageAreTextInTheAPI() async throws {
        try await TestServer.run(try await TestServer.hardeningSetup()) { client in
            let started = try await client.execute(
                uri: "/api/v1/flows/greeting/interviews", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            let state = try #require(try JSONSerialization.jsonObject(with: Data(buffer: started.body)) as? [String: Any])
            let id = try #require(state["id"] as? String)
            let token = try #require(state["token"] as? String)
            let answers = try JSONSerialization.data(withJSONObject: ["answers": ["Name": Self.typed]])
            let answered = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(bytes: answers))
            #expect(answered.status == .ok)
            let next = try #require(try JSONSerialization.jsonObject(with: Data(buffer: answered.body)) as? [String: Any])
            let fields = try #require((next["screen"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(fields.first?["html"] as? String == Self.greeting)
        }
    }
}
