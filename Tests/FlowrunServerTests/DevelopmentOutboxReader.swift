import Foundation
import Testing

/// Reads the development outbox (`FLOWRUN_OUTBOX`) the way a person reads their phone: the
/// text messages the development SMS transport wrote there, one JSON file each.
struct DevelopmentOutboxReader {
    /// One file: `{"channel", "to", "from", "body", "date"}`.
    struct Message: Decodable, Equatable {
        var channel: String
        var to: String
        var from: String?
        var body: String
        var date: String
    }

    let folder: URL

    /// The names of the files in the outbox now (none when the folder does not exist yet).
    func fileNames() -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }

    /// The messages in files that are not in `seen`, in the order of their names.
    func messages(notIn seen: Set<String>) throws -> [Message] {
        try fileNames().subtracting(seen).sorted().map { name in
            try JSONDecoder().decode(Message.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    /// The code in a message the two-factor flows send: its body is exactly
    /// "Your verification code is: " and six digits; nil for any other body.
    static func code(in message: Message) -> String? {
        let prefix = "Your verification code is: "
        guard message.body.hasPrefix(prefix) else { return nil }
        let code = message.body.dropFirst(prefix.count)
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(code)
    }

    /// A six-digit code that is not `code`: a wrong answer that cannot be right by chance.
    static func wrongCode(besides code: String) -> String { code == "000000" ? "111111" : "000000" }
}
