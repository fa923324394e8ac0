import FlowrunCore
import Foundation

/// A `ScreenPrompt` as an accessible HTML form that works without JavaScript: every input has a
/// label, help and error text tied to it with `aria-describedby`, required fields are marked (and
/// say so to screen readers), refused answers are listed at the top and shown next to their field.
/// Field values come back as `field.<Name>`; the button pressed as `action`.
enum ScreenForm {
    static func render(_ prompt: ScreenPrompt, flowLabel: String, action: String, csrf: String) -> String {
        var html = "<h1>\(HTML.escape(prompt.label ?? flowLabel))</h1>\n"
        let refused = prompt.fields.filter { $0.error != nil }
        if !refused.isEmpty {
            html += "<div class=\"summary\" role=\"alert\"><p>Please correct \(refused.count == 1 ? "this field" : "these fields"):</p><ul>"
            for field in refused {
                html +=
                    "<li><a href=\"#\(fieldID(field))\">\(HTML.escape(field.label ?? field.name))</a>: \(HTML.escape(field.error ?? ""))</li>"
            }
            html += "</ul></div>\n"
        }
        html += "<form method=\"post\" action=\"\(HTML.escape(action))\" novalidate>\n\(HTML.csrfField(csrf))\n"
        for field in prompt.fields { html += render(field) + "\n" }
        html += buttons(prompt)
        html += "</form>\n"
        return html
    }

    static func fieldID(_ field: ScreenFieldPrompt) -> String { "f-\(field.name)" }

    private static func render(_ field: ScreenFieldPrompt) -> String {
        if field.kind == .displayText {
            return "<div class=\"display-text\">\(RichText.display(field))</div>"
        }
        let id = fieldID(field)
        let name = HTML.escape("field.\(field.name)")
        var described: [String] = []
        var notes = ""
        if let help = field.helpText, !help.isEmpty {
            described.append("\(id)-help")
            notes += "<div class=\"help\" id=\"\(id)-help\">\(RichText.sanitize(help))</div>"
        }
        if let error = field.error {
            described.append("\(id)-error")
            notes += "<p class=\"error\" id=\"\(id)-error\">\(HTML.escape(error))</p>"
        }
        var common = ""
        if !described.isEmpty { common += " aria-describedby=\"\(described.joined(separator: " "))\"" }
        if field.error != nil { common += " aria-invalid=\"true\"" }
        if field.isRequired { common += " required aria-required=\"true\"" }
        let labelText = HTML.escape(field.label ?? field.name)
        let marker = field.isRequired ? "<abbr class=\"required\" title=\"required\">*</abbr>" : ""
        let value = field.isSecret ? "" : HTML.escape(field.value.displayText)

        switch field.kind {
        case .choice where field.fieldType == "DropdownBox", .multiChoice where field.fieldType == "MultiSelectPicklist":
            let multiple = field.kind == .multiChoice ? " multiple" : ""
            var options = field.kind == .choice ? "<option value=\"\"></option>" : ""
            for choice in field.choices {
                let selected = isSelected(choice, in: field) ? " selected" : ""
                options += "<option value=\"\(HTML.escape(choice.value.displayText))\"\(selected)>\(HTML.escape(choice.label))</option>"
            }
            return """
                <div class="field"><label for="\(id)">\(labelText)\(marker)</label>\(notes)\
                <select id="\(id)" name="\(name)"\(multiple)\(common)>\(options)</select></div>
                """
        case .choice, .multiChoice:
            let type = field.kind == .choice ? "radio" : "checkbox"
            var inputs = ""
            for (index, choice) in field.choices.enumerated() {
                let checked = isSelected(choice, in: field) ? " checked" : ""
                inputs += """
                    <div><input type="\(type)" id="\(id)-\(index)" name="\(name)" \
                    value="\(HTML.escape(choice.value.displayText))"\(checked)\(index == 0 ? common : "")> \
                    <label for="\(id)-\(index)" class="inline">\(HTML.escape(choice.label))</label></div>
                    """
            }
            return """
                <div class="field" id="\(id)"><fieldset><legend>\(labelText)\(marker)</legend>\(notes)\(inputs)</fieldset></div>
                """
        case .largeText:
            return """
                <div class="field"><label for="\(id)">\(labelText)\(marker)</label>\(notes)\
                <textarea id="\(id)" name="\(name)" rows="5"\(common)>\(value)</textarea></div>
                """
        case .input where field.dataType == .boolean:
            let checked = field.value.booleanValue == true ? " checked" : ""
            // An unticked box sends nothing; the hidden "false" before it makes that an answer.
            return """
                <div class="field"><input type="hidden" name="\(name)" value="false">\
                <input type="checkbox" id="\(id)" name="\(name)" value="true"\(checked)\(common)> \
                <label for="\(id)" class="inline">\(labelText)\(marker)</label>\(notes)</div>
                """
        default:
            var type = "text"
            var extra = ""
            switch field.dataType {
            case .number, .currency: extra = " inputmode=\"decimal\""
            case .date: type = "date"
            case .dateTime: type = "datetime-local"
            case .time: type = "time"
            default: break
            }
            if field.kind == .password {
                type = "password"
                extra += " autocomplete=\"current-password\""
            } else if field.isSecret {
                // A one-time code: the browser may offer it from the SMS, but never stores it.
                extra += " autocomplete=\"one-time-code\" inputmode=\"numeric\""
            }
            let shown = field.dataType == .dateTime ? dateTimeLocal(field.value) : value
            return """
                <div class="field"><label for="\(id)">\(labelText)\(marker)</label>\(notes)\
                <input type="\(type)" id="\(id)" name="\(name)" value="\(shown)"\(extra)\(common)></div>
                """
        }
    }

    private static func isSelected(_ choice: ScreenFieldPrompt.Choice, in field: ScreenFieldPrompt) -> Bool {
        if field.kind == .multiChoice {
            let chosen = field.value.displayText.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            return chosen.contains(choice.value.displayText)
        }
        return !field.value.isNull && field.value.displayText == choice.value.displayText
    }

    /// `2024-05-01T09:30` as `<input type="datetime-local">` wants it (UTC).
    private static func dateTimeLocal(_ value: FlowValue) -> String {
        guard case .dateTime(let instant) = value else { return HTML.escape(value.displayText) }
        return String(instant.isoText.prefix(16))
    }

    private static func buttons(_ prompt: ScreenPrompt) -> String {
        var html = "<div class=\"buttons\">"
        if prompt.allowBack {
            html += "<button type=\"submit\" class=\"back\" name=\"action\" value=\"back\" formnovalidate>Previous</button>"
        }
        if prompt.allowPause {
            html += "<button type=\"submit\" name=\"action\" value=\"pause\" formnovalidate>Pause</button>"
        }
        let finish = prompt.isLastScreen
        html +=
            "<button type=\"submit\" class=\"primary\" name=\"action\" value=\"\(finish ? "finish" : "next")\">\(finish ? "Finish" : "Next")</button>"
        return html + "</div>\n"
    }
}
