import FlowrunCore
import Foundation

/// `flowrun check --format sarif`: the diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis
/// Results Interchange Format), the file code-scanning services such as GitHub's take in. One run,
/// the tool `flowrun`, one rule per diagnostic id that occurs, and one result per diagnostic
/// located by file, line and column.
enum SARIFReport {
    static let version = "2.1.0"
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The log as pretty-printed JSON with sorted keys, so the same diagnostics give the same bytes.
    static func render(_ diagnostics: [Diagnostic]) -> String {
        let ruleIds = Array(Set(diagnostics.map(\.id))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIds.enumerated().map { ($1, $0) })
        let results = diagnostics.map { diagnostic in
            let location = diagnostic.location
            // SARIF lines and columns start at 1; a diagnostic without a line has no region.
            let region = location.line >= 1 ? Region(startLine: location.line, startColumn: max(location.column, 1)) : nil
            return Result(
                ruleId: diagnostic.id, ruleIndex: ruleIndex[diagnostic.id] ?? 0, level: level(diagnostic.severity),
                message: Message(text: diagnostic.message),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(location.file)), region: region))
                ])
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(rules: ruleIds.map { Rule(id: $0) })), results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings and integers: encoding cannot fail.
        guard let data = try? encoder.encode(log) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// SARIF's levels have flowrun's severities' names.
    static func level(_ severity: Severity) -> String { severity.rawValue }

    /// A file path as a URI reference: relative paths stay relative (code scanning resolves them
    /// against the checkout), absolute ones become `file://` URIs. Bytes outside RFC 3986's path
    /// characters are percent-encoded, and so is `:`, which in a relative reference's first
    /// segment would read as a scheme.
    static func uri(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            if pathBytes.contains(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        let encoded = String(decoding: bytes, as: UTF8.self)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// Unreserved characters, sub-delimiters, `@` and `/`.
    private static let pathBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/".utf8)

    // MARK: - The parts of a SARIF log flowrun fills in

    private struct Log: Encodable {
        var schema = SARIFReport.schema
        var version = SARIFReport.version
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        var tool: Tool
        /// flowrun counts columns in Unicode code points (`SourceText`), not SARIF's default UTF-16 units.
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    private struct Tool: Encodable { var driver: Driver }

    private struct Driver: Encodable {
        var name = "flowrun"
        var rules: [Rule]
    }

    private struct Rule: Encodable { var id: String }

    private struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
    }

    private struct Message: Encodable { var text: String }

    private struct Location: Encodable { var physicalLocation: PhysicalLocation }

    private struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    private struct ArtifactLocation: Encodable { var uri: String }

    private struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
