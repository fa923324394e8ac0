import Foundation

/// One record of a CSV file: its cells and the line it starts on (a quoted cell may hold line
/// breaks, so a record can span several lines).
public struct CSVRow: Sendable, Hashable {
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}

/// A CSV file that cannot be read, and the line where that shows.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// CSV as RFC 4180 defines it and Data Loader and `sf data export bulk` write it: cells separated
/// by commas, records by CRLF or LF (a lone CR too), a cell in double quotes may hold commas, line
/// breaks and doubled quotes. Text is UTF-8, with or without a byte order mark.
public enum CSV {
    /// Every record of `data`, the header included. Lines with nothing on them are skipped.
    /// - Throws: `CSVError` for text that is not UTF-8, or a quoted cell that never closes or
    ///   has text after its closing quote.
    public static func rows(of data: Data) throws(CSVError) -> [CSVRow] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw CSVError(line: lineOfInvalidUTF8(bytes), message: "not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
        var parser = Parser(bytes: bytes)
        return try parser.parse()
    }

    /// `cells` as one CSV line (no line break): a cell is quoted when it holds a comma, a quote,
    /// a line break, or starts or ends with a space, which some readers would trim.
    public static func line(_ cells: [String]) -> String {
        cells.map { cell in
            let needsQuotes =
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                || cell.hasPrefix(" ") || cell.hasSuffix(" ")
            return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }

    /// The line of the first byte sequence that is not UTF-8.
    private static func lineOfInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return line }
            if lead == 0x0A { line += 1 }
            index += length
        }
        return line
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() throws(CSVError) -> [CSVRow] {
            var rows: [CSVRow] = []
            while position < bytes.count {
                let start = line
                let cells = try record()
                if cells.count == 1, cells[0].isEmpty, !lastCellWasQuoted { continue }
                rows.append(CSVRow(line: start, cells: cells))
            }
            return rows
        }

        private var lastCellWasQuoted = false

        /// One record, up to and including its line break.
        private mutating func record() throws(CSVError) -> [String] {
            var cells: [String] = []
            while true {
                let (cell, quoted) = try self.cell()
                cells.append(cell)
                lastCellWasQuoted = quoted
                guard position < bytes.count else { return cells }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: ",") { continue }
                // A line break: CRLF, LF or a lone CR.
                if byte == UInt8(ascii: "\r"), position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                line += 1
                return cells
            }
        }

        /// One cell, leaving `position` at the comma or line break after it.
        private mutating func cell() throws(CSVError) -> (String, Bool) {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                let start = position
                while position < bytes.count, !Self.endsCell(bytes[position]) { position += 1 }
                return (String(decoding: bytes[start..<position], as: UTF8.self), false)
            }
            let opened = line
            position += 1
            var text: [UInt8] = []
            while true {
                guard position < bytes.count else {
                    throw CSVError(line: opened, message: "a quoted cell starts here and never ends; close it with \"")
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        text.append(byte)
                        position += 1
                        continue
                    }
                    guard position == bytes.count || Self.endsCell(bytes[position]) else {
                        throw CSVError(
                            line: line,
                            message: "text after a quoted cell's closing quote; write a quote inside a quoted cell as \"\"")
                    }
                    return (String(decoding: text, as: UTF8.self), true)
                }
                if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && bytes.dropFirst(position).first != UInt8(ascii: "\n")) {
                    line += 1
                }
                text.append(byte)
            }
        }

        private static func endsCell(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
    }
}
