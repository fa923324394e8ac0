import FlowrunCore
import Foundation
import Hummingbird

/// The pages of flows: the list, starting one, its screens, its end.
///
/// - `GET /` lists the flows (login flows run only at login).
/// - `POST /flows/{name}/start` starts an interview and redirects to it.
/// - `GET /interviews/{id}` shows the screen it waits at, or how it ended.
/// - `POST /interviews/{id}` answers the screen (`action`: next, back, finish, pause) and
///   redirects back to the interview (post/redirect/get), or shows the paused page.
extension WebApp {
    func addInterviewRoutes(to router: Router<WebRequestContext>) {
        router.get("/") { request, _ in
            try await html(request) { visit in try await home(request, visit: visit) }
        }
        router.post("/flows/:name/start") { request, context in
            try await html(request) { visit in
                _ = try await form(request, context: context, visit: visit)
                guard let name = context.parameters.get("name"), let flow = setup.catalog[name], !flow.flow.isLoginFlow
                else { throw RequestError(.notFound, "There is no such flow.") }
                try await admitInterviewStart(context)
                let user = await user(visit.signedIn?.user)
                let loaded = try await runner.start(flow, inputs: [:], owner: owner(visit), user: user)
                return redirect("/interviews/\(loaded.stored.id)", visit: visit, request: request)
            }
        }
        router.get("/interviews/:id") { request, context in
            try await html(request) { visit in
                let loaded = try await interview(context, visit: visit)
                if let granted = try await finishLogin(loaded, request: request, visit: visit) { return granted }
                return await show(loaded, request: request, visit: visit)
            }
        }
        router.post("/interviews/:id") { request, context in
            try await html(request) { visit in
                let form = try await form(request, context: context, visit: visit)
                let loaded = try await interview(context, visit: visit)
                guard let prompt = loaded.interview.status.prompt else {
                    return redirect("/interviews/\(loaded.stored.id)", visit: visit, request: request)
                }
                let action = form["action"] ?? "next"
                if action == "pause" {
                    let link = "/interviews/\(loaded.stored.id)"
                    let userName = await user(visit.signedIn?.user)?["Name"].stringValue
                    return page(
                        "Paused",
                        "<h1>Paused</h1><p>This interview is saved at this screen. <a href=\"\(link)\">Resume</a> when you are ready; the link works only in this browser.</p>",
                        visit: visit, request: request, userName: userName)
                }
                guard let screenAction = ScreenAction(rawValue: action) else {
                    throw RequestError(.badRequest, "Unknown action '\(action)'; use next, back, finish or pause.")
                }
                try await limitCodeEntry(prompt, interview: loaded.stored.id, session: visit.session)
                let answers = Self.answers(to: prompt, from: form)
                let user = await runningUser(for: loaded, request: request, visit: visit)
                let next = try await runner.submit(loaded, answers: answers, action: screenAction, user: user)
                if let granted = try await finishLogin(next, request: request, visit: visit) { return granted }
                return redirect("/interviews/\(next.stored.id)", visit: visit, request: request)
            }
        }
    }

    /// Interviews started in a browser belong to its session.
    func owner(_ visit: Visit) -> String { "web:" + visit.session }

    private func interview(_ context: WebRequestContext, visit: Visit) async throws -> InterviewRunner.Loaded {
        guard !visit.isNew, let id = context.parameters.get("id"),
            let loaded = try await unexpired(try await runner.load(id: id, owner: owner(visit)))
        else { throw RequestError.notFound }
        return loaded
    }

    private func home(_ request: Request, visit: Visit) async throws -> Response {
        let user = await user(visit.signedIn?.user)
        var body = "<h1>Flows</h1>"
        if let user {
            body = "<p>Welcome, \(HTML.escape(user["Name"].displayText)). You are signed in.</p>" + body
        } else {
            body = "<p><a href=\"/login\">Log in</a></p>" + body
        }
        let names = setup.catalog.flows.values.filter { !$0.flow.isLoginFlow }.map(\.name).sorted()
        if names.isEmpty { body += "<p>No flows to start.</p>" }
        body += "<ul>"
        for name in names {
            body += """
                <li><form method="post" action="/flows/\(HTML.escape(name))/start">\(HTML.csrfField(visit.csrf))\
                \(HTML.escape(setup.catalog.label(of: name))) <button type="submit">Start</button></form></li>
                """
        }
        body += "</ul>"
        return page("flowrun", body, visit: visit, request: request, userName: user?["Name"].displayText)
    }

    private func show(_ loaded: InterviewRunner.Loaded, request: Request, visit: Visit) async -> Response {
        let label = setup.catalog.label(of: loaded.flow.name)
        let userName = await user(visit.signedIn?.user)?["Name"].displayText
        switch loaded.interview.status {
        case .screen(let prompt):
            let body =
                ScreenForm.render(prompt, flowLabel: label, action: "/interviews/\(loaded.stored.id)", csrf: visit.csrf)
                + debugLink(loaded)
            return page(prompt.label ?? label, body, visit: visit, request: request, userName: userName)
        case .finished(let outputs):
            var body = "<h1>\(HTML.escape(label))</h1><p role=\"status\">Finished.</p>"
            let shown = outputs.keys.sorted().filter { !loaded.flow.isSecret($0) }
            if !shown.isEmpty {
                body += "<dl>"
                for name in shown {
                    body += "<dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(outputs[name]?.displayText ?? ""))</dd>"
                }
                body += "</dl>"
            }
            return page(
                label, body + "<p><a href=\"/\">Back to the flows</a></p>" + debugLink(loaded), visit: visit, request: request,
                userName: userName)
        case .failed(let error):
            let body =
                "<h1>\(HTML.escape(label))</h1><p role=\"alert\">This flow could not go on: \(HTML.escape(error.message))</p>"
                + debugLink(loaded)
            return page(label, body, visit: visit, request: request, status: .ok, userName: userName)
        case .running:
            return page(label, "<h1>\(HTML.escape(label))</h1><p>Still running.</p>", visit: visit, request: request)
        }
    }

    /// A link to the interview's debug view, when `--debug-view` is on and the flow is not a login flow.
    private func debugLink(_ loaded: InterviewRunner.Loaded) -> String {
        guard let traces = runner.debugTraces, traces.records(loaded.flow) else { return "" }
        return "<p class=\"debug-link\"><a href=\"/interviews/\(loaded.stored.id)/debug\">Debug view</a></p>"
    }

    /// Answers by field name from `field.<Name>` form values: text as typed (the interpreter
    /// converts and checks it), ticked boxes of a multi-select joined with `;`.
    static func answers(to prompt: ScreenPrompt, from form: FormBody) -> [String: FlowValue] {
        var answers: [String: FlowValue] = [:]
        for field in prompt.fields where field.isInput {
            let key = "field.\(field.name)"
            if field.kind == .multiChoice {
                answers[field.name] = .string(form.all(key).joined(separator: ";"))
            } else if let value = form[key] {
                answers[field.name] = .string(value)
            }
        }
        return answers
    }

    /// Screens that take a one-time code or password are answered at most `codeRule.limit` times
    /// in the window, per interview and per session.
    func limitCodeEntry(_ prompt: ScreenPrompt, interview: String, session: String) async throws {
        guard prompt.fields.contains(where: { $0.isInput && $0.isSecret }) else { return }
        let interviewAllowed = try await limiter.record("code:\(interview)", Self.codeRule)
        let sessionAllowed = try await limiter.record("code-session:\(session)", RateLimiter.Rule(limit: 30, window: 15 * 60))
        guard interviewAllowed && sessionAllowed else {
            setup.logger.notice("code entry rate limit reached")
            throw RequestError.tooMany
        }
    }
}
