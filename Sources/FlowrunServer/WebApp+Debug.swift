import FlowrunCore
import Foundation
import Hummingbird

/// The debug view (`flowrun serve --debug-view`), for the flow's author, as Flow Builder's Debug
/// panel: `GET /interviews/{id}/debug` draws the flow with the path the interview took so far
/// and where it waits, and beside it the trace of every element it ran, with decisions'
/// conditions, assignments, plug-in calls and queries. Values are as `--trace` shows them,
/// with one-time codes, passwords and tokens masked (`ExecutionEvent`).
///
/// The route exists only when the view is asked for, and answers only the browser session that
/// owns the interview, like the interview's own page, through the same middleware. Login flows
/// have no debug view: they are never traced (`DebugTraces`) and their page is refused.
extension WebApp {
    func addDebugRoutes(to router: Router<WebRequestContext>) {
        router.get("/interviews/:id/debug") { request, context in
            try await html(request) { visit in
                guard !visit.isNew, let id = context.parameters.get("id"),
                    let loaded = try await runner.load(id: id, owner: owner(visit))
                else { throw RequestError.notFound }
                guard let traces = runner.debugTraces, traces.records(loaded.flow) else {
                    throw RequestError(
                        .forbidden,
                        "Login flows have no debug view: they run before anyone is signed in, and their path would show who has an account and who is locked out."
                    )
                }
                let userName = await user(visit.signedIn?.user)?["Name"].displayText
                let trace = traces.trace(of: loaded.stored.id)
                let body = DebugPage.render(
                    loaded, events: trace.events, truncated: trace.truncated, label: setup.catalog.label(of: loaded.flow.name))
                return page("Debug: \(setup.catalog.label(of: loaded.flow.name))", body, visit: visit, request: request, userName: userName)
            }
        }
    }
}

/// The body of the debug page, built from the stored interview and its trace.
enum DebugPage {
    static func render(_ loaded: InterviewRunner.Loaded, events: [ExecutionEvent], truncated: Bool, label: String) -> String {
        let flow = loaded.flow.flow
        // The path as the coverage recorder sees it: each element of this flow's file after the
        // one before it (subflows' elements are in their own files, and only in the trace).
        var nodes: [String: SVGRenderer.Mark] = [:]
        var edges: [String: SVGRenderer.Mark] = [:]
        var previous: String?
        var count = 0
        for event in events {
            switch event {
            case .scheduledPath:
                previous = nil
            case .element(let name, _, let location) where location.file == flow.path:
                nodes[name] = .taken
                edges["\(previous ?? FlowGraph.startID)->\(name)"] = .taken
                previous = name
                count += 1
            case .element:
                count += 1
            default:
                break
            }
        }
        let status: String
        switch loaded.interview.status {
        case .screen(let prompt):
            nodes[prompt.elementName] = .current
            status = "Waiting at screen <b>\(HTML.escape(prompt.elementName))</b>"
        case .finished: status = "Finished"
        case .failed(let error): status = "Failed: \(HTML.escape(error.message))"
        case .running: status = "Running"
        }
        let link = "/interviews/\(loaded.stored.id)"
        var body = """
            <div class="debug">
            <h1>Debug: \(HTML.escape(label))</h1>
            <p class="debug-status">\(status) · \(count) element\(count == 1 ? "" : "s") run · <a href="\(HTML.escape(link))">Back to the interview</a></p>
            <div class="debug-panes">
            <figure class="diagram">
            \(SVGRenderer.render(FlowGraph(flow), title: label, nodes: nodes, edges: edges, dimUnmarkedEdges: true))</figure>
            <section class="trace" aria-label="Trace">
            <h2>Trace</h2>

            """
        body += trace(events, flowPath: flow.path)
        if truncated { body += "<p>The trace is longer than \(DebugTraces.eventLimit) events; the rest is left out.</p>\n" }
        return body + "</section>\n</div>\n</div>"
    }

    /// The trace as a list, an item per element run with its details under it.
    static func trace(_ events: [ExecutionEvent], flowPath: String) -> String {
        guard !events.isEmpty else { return "<p>Nothing has run yet.</p>\n" }
        var out = "<ol class=\"trace\">\n"
        var open = false
        var details: [String] = []
        func close() {
            guard open else { return }
            if !details.isEmpty { out += "<pre>\(HTML.escape(details.joined(separator: "\n")))</pre>" }
            out += "</li>\n"
            details = []
        }
        for event in events {
            switch event {
            case .element(let name, let kind, let location):
                close()
                let place =
                    location.file == flowPath
                    ? "line \(location.line)" : "\((location.file as NSString).lastPathComponent):\(location.line)"
                out += """
                    <li data-element="\(HTML.escape(name))"><b>\(HTML.escape(name))</b> <span class="kind">\(HTML.escape(kind))</span> \
                    <span class="where">\(HTML.escape(place))</span>
                    """
                open = true
            case .scheduledPath:
                close()
                out += "<li>\(HTML.escape(event.traceLines.joined(separator: " ")))"
                open = true
            default:
                if !open {
                    out += "<li>"
                    open = true
                }
                details += event.traceLines.map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }
            }
        }
        close()
        return out + "</ol>\n"
    }
}
