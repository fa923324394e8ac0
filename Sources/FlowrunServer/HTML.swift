import FlowrunCore

/// Building pages as text: every value that is not markup goes through `escape`.
enum HTML {
    /// The text with `& < > " '` escaped, safe in element content and quoted attribute values.
    static func escape(_ text: String) -> String { text.xmlEscaped(apostrophe: "&#39;") }

    /// A whole page: the shared head (stylesheet, no scripts), an optional brand bar, and `body`.
    static func page(title: String, body: String, signedIn: String? = nil, csrf: String? = nil) -> String {
        var account = ""
        if let signedIn, let csrf {
            account = """
                <form class="account" method="post" action="/logout">\(csrfField(csrf))\
                <span>Signed in as \(escape(signedIn))</span> <button type="submit">Log out</button></form>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>
            <header><a class="home" href="/">flowrun</a>\(account)</header>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(escape(token))\">"
    }

    static let stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f4f6f9; }
        header { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1.5rem;
          background: #032d60; color: #fff; }
        header a.home { color: #fff; font-weight: bold; text-decoration: none; }
        header form.account { margin: 0; display: flex; gap: .75rem; align-items: center; }
        main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: .5rem;
          box-shadow: 0 1px 3px rgba(0,0,0,.15); }
        .field { margin: 1.25rem 0; }
        label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
        .required { color: #ba0517; text-decoration: none; margin-left: .2rem; }
        .help { color: #444; font-size: .9rem; margin: .25rem 0; }
        .error { color: #ba0517; font-weight: 600; margin: .25rem 0; }
        .summary { border: 2px solid #ba0517; padding: .5rem 1rem; border-radius: .25rem; }
        input[type=text], input[type=password], input[type=date], input[type=time], input[type=datetime-local],
        textarea, select { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem;
          border: 1px solid #747474; border-radius: .25rem; }
        [aria-invalid=true] { border-color: #ba0517; border-width: 2px; }
        fieldset { border: none; padding: 0; margin: 0; }
        .buttons { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 2rem; }
        .buttons .back { margin-right: auto; }
        button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: .25rem; border: 1px solid #0176d3;
          background: #fff; color: #0176d3; cursor: pointer; }
        button.primary { background: #0176d3; color: #fff; }
        .display-text img { max-width: 100%; height: auto; }
        .inline { display: inline; font-weight: normal; }
        :focus-visible { outline: 3px solid #1b96ff; outline-offset: 2px; }

        """
}

extension HTML {
    /// The debug view's layout (`WebApp+Debug`): the page widens for the diagram and the trace.
    static let debugStylesheet = """
        main:has(.debug) { max-width: 96rem; }
        .debug-panes { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
        .debug figure.diagram { margin: 0; overflow-x: auto; flex: 1 1 32rem; }
        .debug section.trace { flex: 1 1 24rem; min-width: 0; }
        ol.trace { padding-left: 1.5rem; }
        ol.trace li { margin: .35rem 0; }
        ol.trace .kind, ol.trace .where { color: #555; font-size: .85rem; }
        ol.trace pre { margin: .2rem 0 0; font-size: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }

        """
}
