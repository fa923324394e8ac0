import Foundation
import NIOCore
import Synchronization

/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
struct SMTPReply: Sendable, Hashable {
    var code: Int
    var lines: [String]

    /// `550 5.1.1 mailbox unavailable`, for messages (the first line only: enough to tell why).
    var summary: String { "\(code) \(lines.first ?? "")".trimmingCharacters(in: .whitespaces) }

    /// The EHLO keywords (`STARTTLS`, `AUTH`, …) with their parameters, uppercased; the first
    /// line is the server's greeting, not an extension.
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            if let keyword = words.first { result[keyword] = Array(words.dropFirst()) }
        }
        return result
    }
}

/// Splits what the server sends into lines, without the CR LF, and keeps ``ledger`` up to date.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    let ledger: SMTPLineLedger

    /// RFC 5321 allows 512 bytes a reply line; anything far longer is not an SMTP server.
    static let maximumLineLength = 8192

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw EmailSendFailure("the SMTP server sent a line too long to be SMTP") }
            ledger.holding(bytes: buffer.readableBytes)
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        ledger.handedOn(holding: buffer.readableBytes)
        context.fireChannelRead(NIOAny(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// How many lines the decoder has handed on and how many bytes it still holds, written on the
/// event loop and read there too (when the client switches to TLS).
///
/// RFC 3207 §6: anything the server sent after its "220" to STARTTLS arrived in plain text, where a
/// man in the middle can inject replies; the client must not read it as if it came over TLS.
final class SMTPLineLedger: Sendable {
    private let counts = Mutex<(lines: Int, bytes: Int)>((0, 0))

    func handedOn(holding bytes: Int) { counts.withLock { $0 = ($0.lines + 1, bytes) } }
    func holding(bytes: Int) { counts.withLock { $0.bytes = bytes } }

    /// Whether everything received so far has been read as `consumedLines` lines.
    func isDrained(consumedLines: Int) -> Bool {
        counts.withLock { $0.lines == consumedLines && $0.bytes == 0 }
    }
}
