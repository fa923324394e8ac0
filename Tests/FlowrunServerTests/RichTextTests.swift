import Testing

@testable import FlowrunServer

/// Display text keeps its formatting and images and loses everything that could run.
@Suite struct RichTextTests {
    @Test func formattingAndImagesPass() {
        #expect(
            RichText.sanitize(#"<p><b>Hi</b> <img src="/assets/logo.png" alt="Acme"></p>"#)
                == #"<p><b>Hi</b> <img src="/assets/logo.png" alt="Acme"></p>"#)
        #expect(
            RichText.sanitize(#"<a href="https://example.com/a?b=1&amp;c=2">x</a>"#)
                == #"<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">x</a>"#)
    }

    @Test func scriptsAndHandlersAreEscapedOrDropped() {
        #expect(RichText.sanitize("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(RichText.sanitize(#"<img src="x.png" onerror="alert(1)">"#) == #"<img src="x.png">"#)
        #expect(RichText.sanitize(#"<a href="javascript:alert(1)">x</a>"#) == #"<a rel="noopener noreferrer">x</a>"#)
        #expect(RichText.sanitize(#"<a href=" JaVaScRiPt:alert(1)">x</a>"#) == #"<a rel="noopener noreferrer">x</a>"#)
        #expect(RichText.sanitize(#"<img src="data:image/svg+xml,&lt;svg&gt;">"#) == "<img>")
        #expect(RichText.sanitize(#"<p style="background:url(x)">t</p>"#) == "<p>t</p>")
        #expect(
            RichText.sanitize(#"<iframe src="https://evil.example"></iframe>"#)
                == #"&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;"#)
    }

    @Test func textAndEntities() {
        #expect(RichText.sanitize("Fish & chips &amp; &#8226; &nbsp; 1 < 2") == "Fish &amp; chips &amp; &#8226; &nbsp; 1 &lt; 2")
        #expect(RichText.sanitize(#"<b title="x">"quoted" 'text'</b>"#) == "<b>&quot;quoted&quot; &#39;text&#39;</b>")
        #expect(RichText.sanitize("<p") == "&lt;p")
    }
}
