import FlowrunCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shows screens in the terminal and reads answers from standard input: a prompt per field,
/// hidden typing for passwords, the field asked again with the reason when an answer is refused,
/// and Enter to go on past screens that only show text.
struct TerminalScreens: ScreenAnswerer {
    private var previous: [String: FlowValue] = [:]
    private var lastScreen: String?

    mutating func answer(_ prompt: ScreenPrompt) throws -> ScreenResponse {
        let retry = prompt.hasErrors && lastScreen == prompt.elementName
        if !retry {
            previous = [:]
            show(prompt)
        }
        lastScreen = prompt.elementName
        var answers = previous
        for field in prompt.fields where field.isInput {
            if retry, field.error == nil { continue }
            if let error = field.error { write("  ! \(error)") }
            if field.kind == .component {
                for (name, value) in try askComponent(field) { answers[name] = value }
                continue
            }
            answers[field.name] = try ask(field)
        }
        if !prompt.fields.contains(where: \.isInput) {
            let verb = prompt.isLastScreen ? "finish" : "continue"
            write("[Press Enter to \(verb)]", newline: false)
            guard readLine(strippingNewline: true) != nil else {
                throw NoAnswerError(description: "screen '\(prompt.elementName)' is waiting, but standard input closed")
            }
        }
        previous = answers
        return ScreenResponse(answers: answers, action: .next)
    }

    private func show(_ prompt: ScreenPrompt) {
        write("")
        if let label = prompt.label { write("── \(label) ──") }
        for field in prompt.fields where !field.isInput {
            let text = PlainText.fromHTML(field.text ?? "")
            if !text.isEmpty { write(text) }
        }
    }

    private func ask(_ field: ScreenFieldPrompt) throws -> FlowValue {
        var label = field.label ?? field.name
        if field.isRequired { label += " *" }
        if let help = field.helpText { write("  (\(PlainText.fromHTML(help)))") }
        if !field.choices.isEmpty {
            for (index, choice) in field.choices.enumerated() { write("  \(index + 1). \(choice.label)") }
        }
        let current = field.value.isNull || field.isSecret ? "" : " [\(field.value.displayText)]"
        write("\(label)\(current): ", newline: false)
        let line = field.kind == .password ? readHidden() : readLine(strippingNewline: true)
        guard let line else {
            throw NoAnswerError(description: "field '\(field.name)' needs an answer, but standard input closed")
        }
        if line.isEmpty { return field.value }
        if !field.choices.isEmpty, let number = Int(line), field.choices.indices.contains(number - 1) {
            return field.choices[number - 1].value
        }
        return .string(line)
    }

    /// Asks for each output of a screen component in turn (`Field.parameter` answers); Enter keeps
    /// the current value.
    private func askComponent(_ field: ScreenFieldPrompt) throws -> [String: FlowValue] {
        write("  \(field.label ?? field.name) (component \(field.extensionName ?? "?"))")
        var answers: [String: FlowValue] = [:]
        for parameter in field.outputParameters {
            let current = field.outputValues[parameter] ?? .null
            let shown = current.isNull ? "" : " [\(current.displayText)]"
            write("  \(parameter)\(shown): ", newline: false)
            guard let line = readLine(strippingNewline: true) else {
                throw NoAnswerError(description: "component '\(field.name)' needs '\(parameter)', but standard input closed")
            }
            answers[field.name + "." + parameter] = line.isEmpty ? current : .string(line)
        }
        return answers
    }

    /// Reads a line without echoing it when standard input is a terminal.
    private func readHidden() -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            write("")
        }
        return readLine(strippingNewline: true)
    }

    private func write(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}
