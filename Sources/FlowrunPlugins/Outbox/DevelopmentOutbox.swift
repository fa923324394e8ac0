import FlowrunCore
import Foundation

/// A folder where the development transports leave what they would have sent: each SMS and
/// voice call as a JSON file, each email as an `.eml` file.
///
/// SMS and voice go there only when `FLOWRUN_OUTBOX` names the folder (a browser test reads the
/// code from it); email goes there whenever no SMTP server is configured, to `FLOWRUN_OUTBOX` or
/// else `flowrun-outbox` in the working directory. Files are written whole (write, then rename),
/// so a reader polling the folder never sees half a message. Names start with the clock's time,
/// so they sort in the order sent.
public struct DevelopmentOutbox: Sendable, Hashable {
    public static let environmentVariable = "FLOWRUN_OUTBOX"
    public static let defaultFolder = "flowrun-outbox"

    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The outbox `FLOWRUN_OUTBOX` names, or nil when it is unset or blank.
    public init?(environment: [String: String]) {
        guard let path = environment[Self.environmentVariable]?.trimmingCharacters(in: .whitespaces), !path.isEmpty else {
            return nil
        }
        self.init(directory: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// `FLOWRUN_OUTBOX`, or `flowrun-outbox` in the working directory.
    public static func forEmail(environment: [String: String]) -> DevelopmentOutbox {
        DevelopmentOutbox(environment: environment)
            ?? DevelopmentOutbox(directory: URL(fileURLWithPath: defaultFolder, isDirectory: true))
    }

    /// One text message or call: `{"channel", "to", "from", "body", "date"}`; `body` holds the code.
    public func saveMessage(channel: String, to: String, from: String?, body: String, at date: Date) throws -> URL {
        let entry = OutboxEntry(channel: channel, to: to, from: from, body: body, date: date.isoText)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try save(encoder.encode(entry), suffix: "\(channel).json", at: date)
    }

    /// One email, as the bytes of its RFC 5322 message.
    public func saveEmail(_ message: String, at date: Date) throws -> URL {
        try save(Data(message.utf8), suffix: "email.eml", at: date)
    }

    private func save(_ data: Data, suffix: String, at date: Date) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let unique = String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
        let stamp = date.isoText.filter { $0.isNumber || $0 == "T" }
        let file = directory.appendingPathComponent("\(stamp)-\(unique)-\(suffix)")
        try data.write(to: file, options: .atomic)
        return file
    }
}

private struct OutboxEntry: Encodable {
    var channel: String
    var to: String
    var from: String?
    var body: String
    var date: String
}
