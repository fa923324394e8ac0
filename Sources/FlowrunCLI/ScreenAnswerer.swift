import FlowrunCore

/// Answers screens for `flowrun run`: the terminal, or a script.
protocol ScreenAnswerer {
    /// The answers to `prompt` (which may carry errors from the previous attempt).
    mutating func answer(_ prompt: ScreenPrompt) throws -> ScreenResponse
}

struct ScreenResponse {
    var answers: [String: FlowValue]
    var action: ScreenAction
}

/// No answer is left for a screen: the answers file is used up, or the input closed.
struct NoAnswerError: Error, CustomStringConvertible {
    var description: String
}
