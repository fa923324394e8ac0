import Foundation

/// Prints diagnostics the way compilers do, so editors and people both read them:
///
/// ```
/// flows/bad.xml:12:31: error: connector goes to 'Chek_Code', which is not an element of this flow; did you mean 'Check_Code'? [validate.unknownConnectorTarget]
///    12 |             <targetReference>Chek_Code</targetReference>
///       |                              ^
/// ```
public struct DiagnosticRenderer: Sendable {
    /// The text of each file named by the diagnostics, for quoting source lines.
    private var sources: [String: SourceText]

    public init(sources: [SourceText] = []) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the source of every file the diagnostics name, as far as it can be read.
    public static func loadingSources(for diagnostics: [Diagnostic]) -> DiagnosticRenderer {
        var sources: [SourceText] = []
        for path in Set(diagnostics.map(\.location.file)) {
            guard let data = FileManager.default.contents(atPath: path), !data.contains(0) else { continue }
            sources.append(SourceText(path: path, text: String(decoding: data, as: UTF8.self)))
        }
        return DiagnosticRenderer(sources: sources)
    }

    /// `path:line:col: severity: message [id]`, then the source line and a caret under the column.
    public func render(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        var text = "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]"
        guard let line = sources[location.file]?.line(location.line) else { return text }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs as tabs so the caret lines up under the same character.
        let lead = line.prefix(max(location.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        text += "\n \(number) | \(line)\n \(gutter) | \(lead)^"
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    /// The diagnostics as a JSON array of `{file, line, column, severity, id, message}`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let rows = diagnostics.map {
            JSONDiagnostic(
                file: $0.location.file, line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, id: $0.id, message: $0.message)
        }
        guard let data = try? encoder.encode(rows) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private struct JSONDiagnostic: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var id: String
        var message: String
    }
}
