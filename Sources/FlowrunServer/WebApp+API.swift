import Crypto
import FlowrunCore
import Foundation
import Hummingbird

/// The JSON API for programs (no cookies, no CSRF: a bearer token instead). Documented in
/// README.md and `Documentation/openapi.yaml`.
///
/// - `GET /api/v1/flows`: the flows and their input variables.
/// - `POST /api/v1/flows/{name}/interviews` `{"inputs": {…}}`: starts one; the answer carries
///   `token` when the request had none. Interviews belong to the token.
/// - `GET /api/v1/interviews/{id}`: the screen it waits at (as data), or its outcome.
/// - `POST /api/v1/interviews/{id}` `{"answers": {…}, "action": "next"}`: answers the screen.
extension WebApp {
    func addAPIRoutes(to router: Router<WebRequestContext>) {
        let api = router.group("api/v1")
        api.get("flows") { _, _ in
            let flows = setup.catalog.flows.values.filter { !$0.flow.isLoginFlow }.sorted { $0.name < $1.name }
            return json(
                .array(
                    flows.map { flow in
                        .object([
                            "name": .string(flow.name),
                            "label": .string(setup.catalog.label(of: flow.name)),
                            "inputs": .array(
                                flow.inputVariables.map {
                                    .object([
                                        "name": .string($0.name), "dataType": .string($0.dataType.rawValue),
                                        "isCollection": .bool($0.isCollection),
                                    ])
                                }),
                        ])
                    }))
        }
        api.post("flows/:name/interviews") { request, context in
            try await jsonRoute {
                let body = try await jsonBody(request, context: context)
                guard let name = context.parameters.get("name"), let flow = setup.catalog[name], !flow.flow.isLoginFlow
                else { throw RequestError(.notFound, "There is no such flow.") }
                var inputs: [String: FlowValue] = [:]
                if let given = body["inputs"] {
                    guard case .object(let object) = given else {
                        throw RequestError(.badRequest, "'inputs' must be an object of input variable names to values.")
                    }
                    inputs = object.mapValues { FlowValue(json: $0) }
                }
                let (token, issued) = try bearer(request, issueIfMissing: true)
                try await admitInterviewStart(context)
                let loaded = try await runner.start(flow, inputs: inputs, owner: Self.apiOwner(token), user: nil)
                var state = describe(loaded)
                if issued, case .object(var object) = state {
                    object["token"] = .string(token)
                    state = .object(object)
                }
                return json(state, status: .created)
            }
        }
        api.get("interviews/:id") { request, context in
            try await jsonRoute {
                json(describe(try await apiInterview(request, context: context)))
            }
        }
        api.post("interviews/:id") { request, context in
            try await jsonRoute {
                let body = try await jsonBody(request, context: context)
                let loaded = try await apiInterview(request, context: context)
                guard let prompt = loaded.interview.status.prompt else {
                    throw RequestError(.conflict, "The interview is not waiting at a screen.")
                }
                var action = ScreenAction.next
                if let given = body["action"] {
                    guard case .string(let text) = given, let parsed = ScreenAction(rawValue: text) else {
                        throw RequestError(.badRequest, "'action' must be \"next\", \"back\" or \"finish\".")
                    }
                    action = parsed
                }
                var answers: [String: FlowValue] = [:]
                if let given = body["answers"] {
                    guard case .object(let object) = given else {
                        throw RequestError(.badRequest, "'answers' must be an object of field names to values.")
                    }
                    answers = object.mapValues { FlowValue(json: $0) }
                }
                try await limitCodeEntry(prompt, interview: loaded.stored.id, session: loaded.stored.owner)
                let next = try await runner.submit(loaded, answers: answers, action: action, user: nil)
                return json(describe(next))
            }
        }
    }

    /// The token of `Authorization: Bearer …`, or a new one when allowed; whether it was issued now.
    private func bearer(_ request: Request, issueIfMissing: Bool) throws -> (String, Bool) {
        guard let header = request.headers[.authorization] else {
            guard issueIfMissing else {
                throw RequestError(.unauthorized, "Send the token from the interview's start as 'Authorization: Bearer TOKEN'.")
            }
            return (Base64URL.random(bytes: 32), true)
        }
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : ""
        guard (22...200).contains(token.count), Base64URL.decode(token) != nil else {
            throw RequestError(
                .unauthorized, "The Authorization header must be 'Bearer TOKEN' with a base64url token of 22 to 200 characters.")
        }
        return (token, false)
    }

    /// The store keeps a hash of the token, never the token: `api:` and SHA-256's 64 lowercase
    /// hex digits. Spelled out digit by digit: `String(format:)` per byte was 2% of a request.
    static func apiOwner(_ token: String) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var owner = String.UnicodeScalarView("api:".unicodeScalars)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            owner.append(digits[Int(byte >> 4)])
            owner.append(digits[Int(byte & 0x0f)])
        }
        return String(owner)
    }

    private func apiInterview(_ request: Request, context: WebRequestContext) async throws -> InterviewRunner.Loaded {
        let (token, _) = try bearer(request, issueIfMissing: false)
        guard let id = context.parameters.get("id"),
            let loaded = try await unexpired(try await runner.load(id: id, owner: Self.apiOwner(token)))
        else { throw RequestError.notFound }
        return loaded
    }

    private func jsonBody(_ request: Request, context: WebRequestContext) async throws -> [String: JSONValue] {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") else {
            throw RequestError(.unsupportedMediaType, "Send the body as application/json.")
        }
        let buffer = try await collect(request, context: context)
        if buffer.readableBytes == 0 { return [:] }
        let data = Data(buffer.readableBytesView)
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            // Valid JSON that JSONValue cannot hold has a number beyond Decimal's range (`1e308`):
            // say so, rather than call the JSON invalid.
            if (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil {
                throw RequestError(.badRequest, Self.numberOutOfRange)
            }
            throw RequestError(.badRequest, "The body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw RequestError(.badRequest, "The body must be a JSON object.") }
        return object
    }

    static let numberOutOfRange =
        "The body holds a number flowrun cannot represent: flow numbers keep 38 significant digits and a magnitude from 1e-128 to about 3.4e165. Send it as a string if it is text."

    private func jsonRoute(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as RequestError {
            return json(.object(["error": .string(error.message)]), status: error.status)
        }
    }

    func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An interview as data: where it waits (the screen's fields, secrets never echoed), or how it ended.
    func describe(_ loaded: InterviewRunner.Loaded) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(loaded.stored.id), "flow": .string(loaded.flow.name)]
        switch loaded.interview.status {
        case .screen(let prompt):
            object["status"] = .string("screen")
            object["screen"] = .object([
                "name": .string(prompt.elementName),
                "label": prompt.label.map(JSONValue.string) ?? .null,
                "allowBack": .bool(prompt.allowBack),
                "allowPause": .bool(prompt.allowPause),
                "isLastScreen": .bool(prompt.isLastScreen),
                "fields": .array(prompt.fields.map(describeField)),
            ])
        case .finished(let outputs):
            object["status"] = .string("finished")
            var shown: [String: JSONValue] = [:]
            for (name, value) in outputs { shown[name] = loaded.flow.isSecret(name) ? .string("••••••") : value.json }
            object["outputs"] = .object(shown)
        case .failed(let error):
            object["status"] = .string("failed")
            object["error"] = .object([
                "message": .string(error.message), "element": error.elementName.map(JSONValue.string) ?? .null,
            ])
        case .running:
            object["status"] = .string("running")
        }
        return .object(object)
    }

    private func describeField(_ field: ScreenFieldPrompt) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(field.name), "kind": .string(field.kind.rawValue), "fieldType": .string(field.fieldType),
            "dataType": .string(field.dataType.rawValue), "required": .bool(field.isRequired),
            "secret": .bool(field.isSecret), "value": field.isSecret ? .null : field.value.json,
        ]
        if let label = field.label { object["label"] = .string(label) }
        if let help = field.helpText { object["helpText"] = .string(help) }
        if field.text != nil || field.html != nil { object["html"] = .string(RichText.display(field)) }
        if let error = field.error { object["error"] = .string(error) }
        if !field.choices.isEmpty {
            object["choices"] = .array(
                field.choices.map { .object(["name": .string($0.name), "label": .string($0.label), "value": $0.value.json]) })
        }
        return .object(object)
    }
}
