import FlowrunCore
import Foundation

/// `flowrun check --format github`: one GitHub Actions workflow command per diagnostic,
/// `::error file=F,line=L,col=C,title=ID::message`, which a workflow step shows as an annotation
/// on that line of the pull request.
enum GitHubAnnotations {
    /// One command per line, in the diagnostics' order.
    static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(command).joined(separator: "\n")
    }

    static func command(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        let properties = [
            "file=" + escapeProperty(location.file), "line=\(location.line)", "col=\(location.column)",
            "title=" + escapeProperty(diagnostic.id),
        ]
        return "::\(command(for: diagnostic.severity)) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))"
    }

    /// GitHub's commands are `error`, `warning` and `notice`.
    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// The message: `%`, carriage return and line feed are percent-encoded, as the Actions runner
    /// decodes them (a raw line break would end the command).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value: as the message, and `:` and `,` too, which would end the value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
