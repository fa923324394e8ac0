import NIOCore

/// One SMTP conversation over an open connection: commands out, replies in, in order.
struct SMTPSession {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Lines read so far (compared with ``SMTPLineLedger`` before switching to TLS).
    private(set) var linesRead = 0

    init(lines: NIOAsyncChannelInboundStream<String>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.lines = lines
        self.outbound = outbound
    }

    /// The next complete reply, multi-line replies (`250-…` then `250 …`) joined.
    mutating func reply() async throws -> SMTPReply {
        var texts: [String] = []
        var code: Int?
        while true {
            guard let line = try await lines.next() else {
                throw EmailSendFailure("the SMTP server closed the connection")
            }
            linesRead += 1
            let characters = Array(line)
            guard characters.count >= 3, let number = Int(String(characters[0..<3])), code == nil || code == number else {
                throw EmailSendFailure("the server's answer is not SMTP")
            }
            code = number
            texts.append(characters.count > 4 ? String(characters[4...]) : "")
            if characters.count > 3, characters[3] == "-" { continue }
            return SMTPReply(code: number, lines: texts)
        }
    }

    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Sends one command and checks the reply's code; `what` names the step in the failure
    /// message, so it must not hold anything secret (AUTH passes "authentication").
    @discardableResult
    mutating func command(_ text: String, expecting codes: Set<Int>, what: String) async throws -> SMTPReply {
        do {
            try await write(text + "\r\n")
        } catch {
            // A write fails once the connection is closed; why it closed (a TLS handshake the
            // server's certificate failed, say) is the error waiting on the inbound side.
            _ = try await lines.next()
            throw error
        }
        let answer = try await reply()
        guard codes.contains(answer.code) else {
            throw EmailSendFailure("the SMTP server refused \(what): \(answer.summary)")
        }
        return answer
    }

    /// The message, dot-stuffed (a line starting with "." gets another), then the lone ".".
    mutating func data(_ message: String) async throws -> SMTPReply {
        var stuffed = ""
        stuffed.reserveCapacity(message.utf8.count + 16)
        for line in message.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix(".") { stuffed += "." }
            stuffed += line + "\r\n"
        }
        try await write(stuffed + ".\r\n")
        return try await reply()
    }
}
