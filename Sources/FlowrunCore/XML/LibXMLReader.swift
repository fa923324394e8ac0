import CLibXML2
import Foundation

/// Reads XML with libxml2 into an `XMLDocumentTree`. With `TreeBuilder`, the only code that touches libxml2.
///
/// libxml2 parses the caller's bytes in place and reports each element to `TreeBuilder` (its
/// SAX2 interface) rather than building its own tree: the copy of that tree into Swift values,
/// and the tree itself, were most of the time and memory of reading a large flow.
///
/// Hostile input is refused rather than processed: the network is never used (`XML_PARSE_NONET`),
/// entities are not substituted and no DTD is loaded (no XXE, no billion laughs), a document that
/// declares a DOCTYPE is rejected outright (flow metadata never has one; parsing stops at the
/// declaration, before anything in it is read), and files larger than
/// `maximumSize` are refused before parsing.
public enum LibXMLReader {
    /// The largest flow file read: 32 MiB, far above any real flow (the largest public ones are
    /// a few hundred KiB), small enough that memory stays bounded.
    public static let maximumSize = 32 * 1024 * 1024

    /// Deepest element nesting accepted; real flows nest about 8 deep.
    public static let maximumDepth = 256

    private static let ready: Void = {
        xmlInitParser()
        flowrun_xml_silence_generic_errors()
    }()

    /// Parses `bytes` as the contents of `path`. Returns the tree, or the diagnostics that say why not.
    public static func parse(_ bytes: [UInt8], path: String) -> Result<XMLDocumentTree, Diagnostic> {
        _ = ready
        let start = SourceLocation(file: path, line: 1, column: 1)
        if bytes.count > maximumSize {
            return .failure(
                .error(
                    "xml.tooLarge",
                    "file is \(bytes.count) bytes; flowrun reads flow files up to \(maximumSize) bytes",
                    at: start))
        }
        let firstNUL = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: found)
        }
        if let nul = firstNUL {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(
                .error(
                    "xml.binary", "this is not a text file (a NUL byte at offset \(nul)); expected Flow metadata XML",
                    at: SourceLocation(file: path, line: line, column: 1)))
        }
        let source = SourceText(path: path, bytes: bytes)
        let builder = TreeBuilder(source: source)
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            var handler = TreeBuilder.handler
            let context = buffer.withMemoryRebound(to: CChar.self) {
                flowrun_sax_parser($0.baseAddress, Int32($0.count), &handler, Unmanaged.passUnretained(builder).toOpaque(), options)
            }
            guard let context else { return false }
            defer { xmlFreeParserCtxt(context) }
            builder.context = context
            xmlParseDocument(context)
            builder.context = nil
            if builder.failure == nil, context.pointee.wellFormed == 0 {
                builder.failure = syntaxError(context: context, path: path)
            }
            return true
        }
        guard parsed else { return .failure(.error("xml.internal", "libxml2 could not allocate a parser", at: start)) }
        if let failure = builder.failure { return .failure(failure) }
        guard !builder.nodes.isEmpty else { return .failure(.error("xml.empty", "the document has no root element", at: start)) }
        return .success(builder.document())
    }

    /// The network is never used, entities are not substituted and no DTD is loaded; line
    /// numbers past 65,535 are kept; the encoding a document declares is ignored (flow files are
    /// UTF-8: the reader used to force a UTF-8 decoder, which copied the whole input once more).
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    private static func syntaxError(context: xmlParserCtxtPtr, path: String) -> Diagnostic {
        guard let error = xmlCtxtGetLastError(context) else {
            return .error("xml.syntax", "the file is not well-formed XML", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "the file is not well-formed XML"
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = max(Int(error.pointee.line), 1)
        let column = max(Int(error.pointee.int2), 1)
        let hint: String
        switch Int32(error.pointee.code) {
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue): hint = "; the file is empty or not XML"
        case Int32(XML_ERR_ENTITY_LOOP.rawValue), Int32(XML_ERR_UNDECLARED_ENTITY.rawValue):
            hint = "; entities are not supported in flow files"
        default: hint = ""
        }
        return .error("xml.syntax", "malformed XML: \(message)\(hint)", at: SourceLocation(file: path, line: line, column: column))
    }
}

