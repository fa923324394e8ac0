import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// Screens as HTML forms, through the real routes: every field type, errors next to fields,
/// Back, Pause and Finish, and escaping of everything a flow or a user put on the page.
@Suite struct ScreenPageTests {
    @Test func everyFieldTypeRendersAsAnAccessibleForm() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("Customer Survey"))
            #expect(!home.body.contains("/flows/terms/start"), "login flows run only at login")
            let started = try await browser.post("/flows/survey/start")
            #expect(started.status == .seeOther)
            let location = try #require(started.location)
            #expect(location.hasPrefix("/interviews/"))
            // 32 random bytes, base64url: 43 characters.
            #expect(location.dropFirst("/interviews/".count).count == 43)
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            let html = page.body
            #expect(html.contains("<h1>About you</h1>"))
            #expect(html.contains(#"<img src="/assets/logo.png" alt="Acme logo">"#))
            #expect(html.contains("<b>Welcome</b> to Acme.&lt;script&gt;alert(2)&lt;/script&gt;"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("onerror"))
            #expect(
                html.contains(
                    #"<label for="f-Full_Name">Full name<abbr class="required" title="required">*</abbr></label><div class="help" id="f-Full_Name-help">As on your passport.</div><input type="text" id="f-Full_Name" name="field.Full_Name" value="" aria-describedby="f-Full_Name-help" required aria-required="true">"#
                ))
            #expect(html.contains(#"<input type="text" id="f-Age" name="field.Age" value="" inputmode="decimal">"#))
            #expect(html.contains(#"<input type="date" id="f-Birthday" name="field.Birthday" value="">"#))
            #expect(
                html.contains(
                    #"<input type="hidden" name="field.Subscribed" value="false"><input type="checkbox" id="f-Subscribed" name="field.Subscribed" value="true">"#
                ))
            #expect(html.contains(#"<input type="password" id="f-Pin" name="field.Pin" value="" autocomplete="current-password">"#))
            #expect(html.contains(#"<textarea id="f-Notes" name="field.Notes" rows="5"></textarea>"#))
            #expect(
                html.contains(
                    #"<fieldset><legend>Favourite colour</legend><div><input type="radio" id="f-Colour-0" name="field.Colour" value="red">"#
                ))
            #expect(html.contains(#"<label for="f-Colour-1" class="inline">Blue &amp; &quot;navy&quot;</label>"#))
            #expect(html.contains(#"<select id="f-Shade" name="field.Shade"><option value=""></option><option value="red">Red</option>"#))
            #expect(html.contains(#"<input type="checkbox" id="f-Colours-0" name="field.Colours" value="red">"#))
            #expect(html.contains(#"<select id="f-Palette" name="field.Palette" multiple><option value="red">Red</option>"#))
            #expect(html.contains(#"<button type="submit" name="action" value="pause" formnovalidate>Pause</button>"#))
            #expect(html.contains(#"<button type="submit" class="primary" name="action" value="next">Next</button>"#))
            #expect(!html.contains(#"value="back""#), "the first screen has no Previous")
            #expect(html.contains(#"name="_csrf" value=""#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    @Test func refusedAnswersAreShownNextToTheirFieldsAndKept() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.get(location)
            let answered = try await browser.post(
                location, [("field.Full_Name", ""), ("field.Age", "12"), ("field.Notes", "<i>kept</i>"), ("action", "next")])
            #expect(answered.status == .seeOther)
            #expect(answered.location == location)
            let page = try await browser.get(location)
            #expect(page.body.contains(#"<div class="summary" role="alert">"#))
            #expect(page.body.contains(#"<p class="error" id="f-Full_Name-error">Complete this field.</p>"#))
            #expect(page.body.contains(#"aria-describedby="f-Full_Name-help f-Full_Name-error" aria-invalid="true" required"#))
            #expect(page.body.contains(#"<p class="error" id="f-Age-error">Enter an age of 18 or more.</p>"#))
            #expect(page.body.contains(#"<textarea id="f-Notes" name="field.Notes" rows="5">&lt;i&gt;kept&lt;/i&gt;</textarea>"#))
        }
    }

    @Test func nextBackAndFinish() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.get(location)
            _ = try await browser.post(
                location,
                [
                    ("field.Full_Name", "<script>alert('x')</script>"), ("field.Age", "30"), ("field.Subscribed", "false"),
                    ("field.Subscribed", "true"), ("field.Colours", "red"), ("field.Colours", "blue"),
                    ("field.Colour", "blue"), ("action", "next"),
                ])
            let confirm = try await browser.get(location)
            #expect(confirm.body.contains("<h1>Confirm</h1>"))
            #expect(confirm.body.contains("Thank you, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;."))
            #expect(confirm.body.contains(#"value="back" formnovalidate>Previous</button>"#))
            // Confirm is the last screen: its button says Finish.
            #expect(confirm.body.contains(#"value="finish">Finish</button>"#))
            #expect(!confirm.body.contains(#"value="next""#))

            _ = try await browser.post(location, [("action", "back")])
            let again = try await browser.get(location)
            #expect(again.body.contains("<h1>About you</h1>"))
            #expect(again.body.contains(#"name="field.Full_Name" value="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;""#))
            #expect(again.body.contains(#"id="f-Subscribed" name="field.Subscribed" value="true" checked"#))
            #expect(again.body.contains(#"name="field.Colours" value="red" checked"#))
            #expect(again.body.contains(#"name="field.Colours" value="blue" checked"#))
            #expect(again.body.contains(#"name="field.Colour" value="blue" checked"#))

            _ = try await browser.post(location, [("field.Full_Name", "Ada"), ("action", "next")])
            _ = try await browser.post(location, [("action", "finish")])
            let done = try await browser.get(location)
            #expect(done.body.contains(#"<p role="status">Finished.</p>"#))
            #expect(done.body.contains("<dt>Summary</dt><dd>Ada</dd>"))
        }
    }

    @Test func pauseKeepsTheAnswersForThisBrowserOnly() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/")
            let location = try #require(try await browser.post("/flows/survey/start").location)
            _ = try await browser.get(location)
            let paused = try await browser.post(location, [("field.Full_Name", "Grace"), ("action", "pause")])
            #expect(paused.status == .ok)
            #expect(paused.body.contains("<h1>Paused</h1>"))
            #expect(paused.body.contains(#"<a href="\#(location)">Resume</a>"#))
            let resumed = try await browser.get(location)
            #expect(resumed.body.contains("<h1>About you</h1>"))
        }
    }
}
