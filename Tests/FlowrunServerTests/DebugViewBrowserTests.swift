import Foundation
import Testing

/// `flowrun serve --debug-view` in headless Chromium, against the built server: a person runs
/// Fixtures/debug/passphrase.xml, opens the debug view from the screen's link, and sees the path
/// drawn in the taken colour with the trace beside it, under the server's Content Security
/// Policy, and the passphrase nowhere. Part of the serialized `BrowserEndToEndTests`, so that one
/// Chromium runs at a time.
extension BrowserEndToEndTests {
    static let takenStroke = "rgb(1, 118, 211)"  // SVGRenderer.takenColour, #0176d3
    static let plainStroke = "rgb(92, 92, 92)"  // a plain node's outline, #5c5c5c

    @Test func theDebugViewShowsThePathTakenAndTheTrace() async throws {
        try await BrowserHarness.withSite(serving: TestServer.fixtures + "/debug", arguments: ["--debug-view"]) { site in
            try await site.browser.go(site.address + "/")
            try await site.browser.submit("form[action='/flows/passphrase/start'] button[type=submit]")
            try await site.browser.type("Ada", into: "#f-Nickname")
            try await site.browser.type("tr0ub4dor&3", into: "#f-Passphrase")
            try await site.browser.submit("button.primary")
            #expect(try await site.browser.source().contains("Thank you, Ada."))
            try await site.browser.submit("p.debug-link a")
            #expect(try await site.browser.url().hasSuffix("/debug"))

            let seen = try #require(
                try await site.browser.execute(
                    """
                    const svg = document.querySelector('.debug figure.diagram svg.flow-diagram');
                    if (!svg) return null;
                    const box = svg.getBoundingClientRect();
                    const strokes = {};
                    for (const node of svg.querySelectorAll('g.node')) {
                      strokes[node.dataset.element] = getComputedStyle(node.querySelector('.shape')).stroke;
                    }
                    return {
                      width: box.width, strokes: strokes,
                      trace: [...document.querySelectorAll('ol.trace > li')].map(li => li.dataset.element),
                      text: document.body.innerText,
                      mainWidth: getComputedStyle(document.querySelector('main')).maxWidth
                    };
                    """) as? [String: Any], "the debug page has the diagram")
            #expect((seen["width"] as? Double ?? 0) > 100)
            let strokes = seen["strokes"] as? [String: String] ?? [:]
            for name in ["Ask", "Keep", "Was_Given", "Thanks"] { #expect(strokes[name] == Self.takenStroke, "\(name) is on the path") }
            #expect(strokes["Missing"] == Self.plainStroke, "the branch not taken")
            #expect(seen["trace"] as? [String] == ["Ask", "Keep", "Was_Given", "Thanks"])
            let text = seen["text"] as? String ?? ""
            #expect(text.contains("Kept_Secret: null → ••••••"))
            #expect(!text.contains("tr0ub4dor"))
            #expect(seen["mainWidth"] as? String == "1536px", "the debug stylesheet applies (96rem)")
        }
    }
}
