import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlowrunServer

/// The JSON API: start with inputs, read the screen as data, answer, read the outcome; bound to
/// the bearer token issued at the start.
@Suite struct APITests {
    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    private static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func startAnswerAndFinish() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            let list = try await client.execute(uri: "/api/v1/flows", method: .get)
            #expect(list.status == .ok)
            // The survey (no input variables); the login flow `terms` is not listed.
            #expect(String(buffer: list.body) == #"[{"inputs":[],"label":"Customer Survey","name":"survey"}]"#)

            let started = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: [.contentType: "application/json"],
                body: Self.body("{}"))
            #expect(started.status == .created)
            let state = try Self.json(started)
            let id = try #require(state["id"] as? String)
            let token = try #require(state["token"] as? String)
            #expect(state["status"] as? String == "screen")
            let screen = try #require(state["screen"] as? [String: Any])
            #expect(screen["name"] as? String == "About_You")
            #expect(screen["allowPause"] as? Bool == true)
            let fields = try #require(screen["fields"] as? [[String: Any]])
            #expect(
                fields.map { $0["name"] as? String } == [
                    "Branding", "Full_Name", "Age", "Birthday", "Subscribed", "Pin", "Notes", "Colour", "Shade", "Colours", "Palette",
                ])
            #expect(fields[1]["required"] as? Bool == true)
            #expect(fields[1]["helpText"] as? String == "As on your passport.")
            #expect((fields[0]["html"] as? String)?.contains("&lt;script&gt;") == true)
            #expect(fields[5]["secret"] as? Bool == true)

            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let refused = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: Self.body(#"{"answers": {"Age": 3}}"#))
            #expect(refused.status == .ok)
            let refusedFields = try #require((try Self.json(refused)["screen"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(refusedFields[1]["error"] as? String == "Complete this field.")
            #expect(refusedFields[2]["error"] as? String == "Enter an age of 18 or more.")

            let next = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth,
                body: Self.body(#"{"answers": {"Full_Name": "Ada", "Age": 36}, "action": "next"}"#))
            #expect((try Self.json(next)["screen"] as? [String: Any])?["name"] as? String == "Confirm")

            let unknownAction = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: Self.body(#"{"action": "pause"}"#))
            #expect(unknownAction.status == .badRequest)
            #expect(try Self.json(unknownAction)["error"] as? String == #"'action' must be "next", "back" or "finish"."#)

            let read = try await client.execute(uri: "/api/v1/interviews/\(id)", method: .get, headers: auth)
            #expect((try Self.json(read)["screen"] as? [String: Any])?["name"] as? String == "Confirm")

            let finished = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: Self.body(#"{"action": "finish"}"#))
            let outcome = try Self.json(finished)
            #expect(outcome["status"] as? String == "finished")
            #expect((outcome["outputs"] as? [String: Any])?["Summary"] as? String == "Ada")

            let again = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .post, headers: auth, body: Self.body(#"{"action": "next"}"#))
            #expect(again.status == .conflict)
            #expect(try Self.json(again)["error"] as? String == "The interview is not waiting at a screen.")
        }
    }

    @Test func anotherTokenOrNoneGets404Or401() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            let started = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: [.contentType: "application/json"],
                body: Self.body(""))
            let id = try #require(try Self.json(started)["id"] as? String)
            let foreign = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .get,
                headers: [.authorization: "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
            #expect(foreign.status == .notFound)
            #expect(try Self.json(foreign)["error"] as? String == "There is no such interview, or it belongs to another session.")
            let anonymous = try await client.execute(uri: "/api/v1/interviews/\(id)", method: .get)
            #expect(anonymous.status == .unauthorized)
            let malformed = try await client.execute(
                uri: "/api/v1/interviews/\(id)", method: .get, headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(malformed.status == .unauthorized)
        }
    }

    @Test func badBodiesAre4xx() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let form = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: Self.body("a=b"))
            #expect(form.status == .unsupportedMediaType)
            #expect(try Self.json(form)["error"] as? String == "Send the body as application/json.")
            let broken = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json, body: Self.body("{not json"))
            #expect(broken.status == .badRequest)
            #expect(try Self.json(broken)["error"] as? String == "The body is not valid JSON.")
            let array = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json, body: Self.body("[]"))
            #expect(array.status == .badRequest)
            #expect(try Self.json(array)["error"] as? String == "The body must be a JSON object.")
            let notAnObject = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json, body: Self.body(#"{"inputs": [1]}"#))
            #expect(notAnObject.status == .badRequest)
            #expect(
                try Self.json(notAnObject)["error"] as? String == "'inputs' must be an object of input variable names to values.")
            let unknownInput = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json, body: Self.body(#"{"inputs": {"Nope": 1}}"#))
            #expect(unknownInput.status == .badRequest)
            let huge = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post, headers: json,
                body: Self.body(#"{"inputs": {"x": ""# + String(repeating: "a", count: 100_000) + #""}}"#))
            #expect(huge.status == .contentTooLarge)
            #expect(try Self.json(huge)["error"] as? String == "The request is larger than 64 KiB.")
            let missing = try await client.execute(
                uri: "/api/v1/flows/nope/interviews", method: .post, headers: json, body: Self.body("{}"))
            #expect(missing.status == .notFound)
            #expect(try Self.json(missing)["error"] as? String == "There is no such flow.")
            let loginFlow = try await client.execute(
                uri: "/api/v1/flows/terms/interviews", method: .post, headers: json, body: Self.body("{}"))
            #expect(loginFlow.status == .notFound, "login flows run only at login")
            let badToken = try await client.execute(
                uri: "/api/v1/flows/survey/interviews", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer short"], body: Self.body("{}"))
            #expect(badToken.status == .unauthorized)
            #expect(
                try Self.json(badToken)["error"] as? String
                    == "The Authorization header must be 'Bearer TOKEN' with a base64url token of 22 to 200 characters.")
        }
    }
}
