import FlowrunCore
import Foundation
import Hummingbird

/// Logging in as Salesforce does it: the password, then the login flow of the user's profile,
/// and access only when that flow finishes.
///
/// - `GET /login` shows the form; `POST /login` checks the password against the PBKDF2 hash in
///   `User.PasswordHash` (at most 5 tries per username and 50 per address in 15 minutes, counted
///   before the hash; a right password clears its username's count). Hashes run on
///   `PasswordHashing`'s own threads; when they and its queue are full, 503.
/// - With a login flow, a new browser session starts the flow with the `LoginFlow_*` inputs it
///   declares and the browser goes to its first screen; the `flowrun_login` cookie remembers whose
///   login it is. When the flow finishes, `flowrun_auth` is set and the browser goes to
///   `LoginFlow_FinishLocation` (a path on this server) or `/`; with `LoginFlow_ForceLogout`
///   true, or a Boolean output `Verified` that is not true, it is logged out instead.
/// - `POST /logout` ends the session.
extension WebApp {
    func addLoginRoutes(to router: Router<WebRequestContext>) {
        router.get("/login") { request, _ in
            try await html(request) { visit in loginPage(request, visit: visit, message: nil, status: .ok) }
        }
        router.post("/login") { request, context in
            try await html(request) { visit in
                let form = try await form(request, context: context, visit: visit)
                return try await logIn(form, request: request, context: context, visit: visit)
            }
        }
        router.post("/logout") { request, context in
            try await html(request) { visit in
                _ = try await form(request, context: context, visit: visit)
                // Ended on the server too: the old cookies, replayed, are refused by every server.
                try await setup.access.revoke(
                    session: visit.session, until: setup.clock.now().addingTimeInterval(SessionCookies.signedInLifetime))
                var response = redirect("/login", visit: visit, request: request)
                response.setCookie(cookies.expired(SessionCookies.signedIn, request: request))
                response.setCookie(cookies.expired(SessionCookies.pendingLogin, request: request))
                response.setCookie(cookies.sessionCookie(Base64URL.random(bytes: 32), request: request))
                return response
            }
        }
    }

    private func loginPage(_ request: Request, visit: Visit, message: String?, status: HTTPResponse.Status) -> Response {
        var body = "<h1>Log in</h1>"
        if let message { body += "<p class=\"error\" role=\"alert\" id=\"login-error\">\(HTML.escape(message))</p>" }
        let described = message == nil ? "" : " aria-describedby=\"login-error\" aria-invalid=\"true\""
        body += """
            <form method="post" action="/login">\(HTML.csrfField(visit.csrf))
            <div class="field"><label for="username">Username<abbr class="required" title="required">*</abbr></label>\
            <input type="text" id="username" name="username" autocomplete="username" required aria-required="true"\(described)></div>
            <div class="field"><label for="password">Password<abbr class="required" title="required">*</abbr></label>\
            <input type="password" id="password" name="password" autocomplete="current-password" required aria-required="true"\(described)></div>
            <div class="buttons"><button type="submit" class="primary">Log in</button></div>
            </form>
            """
        return page("Log in", body, visit: visit, request: request, status: status)
    }

    private func logIn(_ form: FormBody, request: Request, context: WebRequestContext, visit: Visit) async throws -> Response {
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        guard !username.isEmpty, !password.isEmpty, username.count <= 200, password.count <= 1000 else {
            return loginPage(request, visit: visit, message: "Enter your username and password.", status: .badRequest)
        }
        let userKey = "password:\(username.lowercased())"
        let addressKey = "password-address:\(context.clientAddress)"
        let checked = try await signInTurns.inTurn(RateLimiter.digest(userKey)) { () async throws -> FlowRecord? in
            // Counted before the hash, in one atomic step with the check: guesses racing each
            // other (on one server or several) cannot get more hashes checked than the limit.
            let userAllowed = try await limiter.record(userKey, Self.passwordRule)
            let addressAllowed = try await limiter.record(addressKey, Self.addressRule)
            guard userAllowed && addressAllowed else {
                setup.logger.notice("password rate limit reached")
                throw RequestError.tooMany
            }
            guard let user = try await verifiedUser(username: username, password: password) else { return nil }
            // A right password clears the username's count, before the next in turn counts.
            try await limiter.reset(userKey)
            return user
        }
        guard let user = checked else {
            setup.logger.info("login refused")
            return loginPage(
                request, visit: visit, message: "Your username or password is not right. Check them and try again.",
                status: .unauthorized)
        }
        guard let userID = user.id else { throw RequestError(.badRequest, "This user has no Id.") }

        // A new session id at every login, so a session planted before it (fixation) gets nothing.
        let session = Base64URL.random(bytes: 32)
        let fresh = Visit(session: session, isNew: true, signedIn: nil, csrf: cookies.csrfToken(session: session))
        let now = setup.clock.now()
        guard let flowName = setup.loginFlows.flow(forProfile: user["ProfileName"].stringValue) else {
            var response = redirect("/", visit: fresh, request: request)
            response.setCookie(grant(userID, session: session, request: request, now: now))
            return response
        }
        guard let flow = setup.catalog[flowName] else {
            setup.logger.error("login flow missing", metadata: ["flow": .string(flowName)])
            throw RequestError(.serviceUnavailable, "Your login flow is not available. Ask your administrator.")
        }
        let inputs = loginInputs(for: flow, userID: userID, request: request, context: context)
        let loaded = try await runner.start(flow, inputs: inputs, owner: owner(fresh), user: user)
        let pending = SessionCookies.PendingLogin(
            user: userID, interview: loaded.stored.id, session: session,
            expires: now.addingTimeInterval(SessionCookies.loginLifetime).timeIntervalSince1970)
        var response = redirect("/interviews/\(loaded.stored.id)", visit: fresh, request: request)
        response.setCookie(
            cookies.cookie(SessionCookies.pendingLogin, encoding: pending, request: request, maxAge: SessionCookies.loginLifetime))
        response.setCookie(cookies.expired(SessionCookies.signedIn, request: request))
        return response
    }

    /// The active user with this username whose password hash matches, or nil. An unknown name
    /// costs as much time as a wrong password, so timing does not tell which names exist.
    /// - Throws: `PasswordHashing.busy` (503) when too many hashes are running and waiting.
    private func verifiedUser(username: String, password: String) async throws -> FlowRecord? {
        let query = RecordQuery(
            object: "User", filters: [RecordFilter(field: "Username", op: .equalTo, value: .string(username))], limit: 1)
        guard let user = (try? await setup.records.query(query))?.first,
            let hash = user["PasswordHash"].stringValue
        else {
            try await setup.passwordHashing.spendTime(password: password)
            return nil
        }
        guard try await setup.passwordHashing.verify(password: password, against: hash), user["IsActive"].booleanValue != false else {
            return nil
        }
        return user
    }

    /// The `LoginFlow_*` values Salesforce passes, for the ones `flow` declares as input variables.
    func loginInputs(for flow: ValidatedFlow, userID: String, request: Request, context: WebRequestContext)
        -> [String: FlowValue]
    {
        let agent = request.headers[.userAgent] ?? ""
        let values: [String: String] = [
            "LoginFlow_UserId": userID,
            "LoginFlow_IpAddress": context.clientAddress,
            "LoginFlow_UserAgent": agent,
            "LoginFlow_Platform": Self.platform(of: agent),
            "LoginFlow_Application": "Browser",
            "LoginFlow_LoginType": "Application",
            "LoginFlow_SessionLevel": "STANDARD",
        ]
        var inputs: [String: FlowValue] = [:]
        for variable in flow.inputVariables {
            if let value = values.first(where: { $0.key.caseInsensitiveCompare(variable.name) == .orderedSame })?.value {
                inputs[variable.name] = .string(value)
            }
        }
        return inputs
    }

    /// The platform as Salesforce's login history names it, from the User-Agent.
    static func platform(of agent: String) -> String {
        let lower = agent.lowercased()
        if lower.contains("android") { return "Android" }
        if lower.contains("iphone") || lower.contains("ipad") { return "iOS" }
        if lower.contains("windows") { return "Windows" }
        if lower.contains("mac os") { return "Mac OSX" }
        if lower.contains("linux") { return "Linux" }
        return "Unknown"
    }

    /// `$User` for an interview: the user logging in when it is their login flow, else whoever is signed in.
    func runningUser(for loaded: InterviewRunner.Loaded, request: Request, visit: Visit) async -> FlowRecord? {
        if let pending = cookies.pendingLogin(request, session: visit.session, now: setup.clock.now()),
            pending.interview == loaded.stored.id
        {
            return await user(pending.user)
        }
        return await user(visit.signedIn?.user)
    }

    /// When `loaded` is this browser's login flow and it has ended: access (or logout, or refusal).
    /// Nil when it is not a login flow, or is still at a screen.
    func finishLogin(_ loaded: InterviewRunner.Loaded, request: Request, visit: Visit) async throws -> Response? {
        guard let pending = cookies.pendingLogin(request, session: visit.session, now: setup.clock.now()),
            pending.interview == loaded.stored.id
        else { return nil }
        switch loaded.interview.status {
        case .screen, .running:
            return nil
        case .failed:
            try await runner.delete(loaded)
            var response = page(
                "Login failed",
                "<h1>Login failed</h1><p role=\"alert\">Your login could not be completed. <a href=\"/login\">Try again</a>.</p>",
                visit: visit, request: request, status: .forbidden)
            response.setCookie(cookies.expired(SessionCookies.pendingLogin, request: request))
            return response
        case .finished:
            try await runner.delete(loaded)
            if Self.refusesAccess(loaded) {
                var response = page(
                    "Logged out",
                    "<h1>Logged out</h1><p role=\"status\">You have been logged out. <a href=\"/login\">Log in again</a>.</p>",
                    visit: visit, request: request)
                response.setCookie(cookies.expired(SessionCookies.pendingLogin, request: request))
                response.setCookie(cookies.sessionCookie(Base64URL.random(bytes: 32), request: request))
                return response
            }
            let location = loaded.interview.value(of: "LoginFlow_FinishLocation")?.stringValue
            var response = redirect(Self.safeLocation(location), visit: visit, request: request)
            response.setCookie(cookies.expired(SessionCookies.pendingLogin, request: request))
            response.setCookie(grant(pending.user, session: visit.session, request: request, now: setup.clock.now()))
            return response
        }
    }

    /// True when the finished login flow says no: `LoginFlow_ForceLogout` set to true (Salesforce),
    /// or a Boolean output variable `Verified` that is not true (flowrun's two-factor flows end
    /// with it, and a locked-out or unverified user must not get in by finishing the flow).
    static func refusesAccess(_ loaded: InterviewRunner.Loaded) -> Bool {
        if loaded.interview.value(of: "LoginFlow_ForceLogout")?.booleanValue == true { return true }
        let declaresVerified = loaded.flow.outputVariables.contains {
            $0.name.caseInsensitiveCompare("Verified") == .orderedSame && $0.dataType == .boolean && !$0.isCollection
        }
        return declaresVerified && loaded.interview.value(of: "Verified")?.booleanValue != true
    }

    private func grant(_ userID: String, session: String, request: Request, now: Date) -> Cookie {
        setup.logger.info("signed in", metadata: ["user": .string(userID)])
        let access = SessionCookies.SignedIn(
            user: userID, session: session, expires: now.addingTimeInterval(SessionCookies.signedInLifetime).timeIntervalSince1970)
        return cookies.cookie(SessionCookies.signedIn, encoding: access, request: request, maxAge: SessionCookies.signedInLifetime)
    }

    /// `LoginFlow_FinishLocation` when it is a path on this server; `/` otherwise, so a flow
    /// value can never send the browser to another site.
    static func safeLocation(_ location: String?) -> String {
        guard let location, location.hasPrefix("/"), !location.hasPrefix("//"), !location.contains("\\"),
            location.count <= 2000, location.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline })
        else { return "/" }
        return location
    }
}
