import FlowrunCore
import Foundation

/// Answers screens from a JSON file, in order:
///
/// ```json
/// [
///   { "screen": "Enter_Code", "answers": { "Code": "123456" } },
///   { "answers": {}, "action": "next" }
/// ]
/// ```
/// `screen` is optional; when given, it must name the screen being answered. `action` is
/// `next` (default), `back` or `finish`. A refused answer (a field error) uses up its entry, so a
/// script can show a wrong answer and then the right one.
struct ScriptedAnswers: ScreenAnswerer {
    struct Entry: Decodable {
        var screen: String?
        var answers: [String: JSONValue]?
        var action: ScreenAction?
    }

    private var entries: [Entry]
    private var next = 0
    private let path: String

    init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationErrorMessage("answers file '\(path)' cannot be read; check the path")
        }
        do {
            entries = try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw ValidationErrorMessage(
                "answers file '\(path)' is not a JSON array of {\"screen\", \"answers\", \"action\"} objects: \(Self.reason(error))")
        }
    }

    mutating func answer(_ prompt: ScreenPrompt) throws -> ScreenResponse {
        if prompt.hasErrors {
            for field in prompt.fields where field.error != nil {
                printError("\(prompt.elementName).\(field.name): \(field.error ?? "")")
            }
        }
        guard next < entries.count else {
            throw NoAnswerError(
                description: "screen '\(prompt.elementName)' needs an answer, but all \(entries.count) entries of \(path) are used")
        }
        let entry = entries[next]
        next += 1
        if let screen = entry.screen, screen.caseInsensitiveCompare(prompt.elementName) != .orderedSame {
            throw NoAnswerError(
                description: "answer \(next) of \(path) is for screen '\(screen)', but the flow is at screen '\(prompt.elementName)'")
        }
        return ScreenResponse(
            answers: (entry.answers ?? [:]).mapValues { FlowValue(json: $0) }, action: entry.action ?? .next)
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        return String(describing: error)
    }
}

/// A usage problem reported as argument-parser's validation failure (exit 64).
struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
