import CLibXML2
import Foundation

/// Reads XML with libxml2 into an `XMLDocumentTree`. The only file that touches libxml2.
///
/// Hostile input is refused rather than processed: the network is never used (`XML_PARSE_NONET`),
/// entities are not substituted and no DTD is loaded (no XXE, no billion laughs), a document that
/// declares a DOCTYPE is rejected outright (flow metadata never has one), and files larger than
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
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(
                .error(
                    "xml.binary", "this is not a text file (a NUL byte at offset \(nul)); expected Flow metadata XML",
                    at: SourceLocation(file: path, line: line, column: 1)))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceText(path: path, text: text)

        guard let context = xmlNewParserCtxt() else {
            return .failure(.error("xml.internal", "libxml2 could not allocate a parser", at: start))
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(buffer.count), path, "UTF-8", options)
                }
            }
        }
        guard let document else {
            return .failure(syntaxError(context: context, path: path, source: source))
        }
        defer { xmlFreeDoc(document) }

        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            return .failure(
                .error(
                    "xml.doctype",
                    "DOCTYPE declarations are not allowed in flow files (they can define entities that read files or expand without bound); remove the <!DOCTYPE …> line",
                    at: start))
        }
        guard let rootNode = xmlDocGetRootElement(document) else {
            return .failure(.error("xml.empty", "the document has no root element", at: start))
        }
        var converter = TreeConverter(source: source)
        guard let root = converter.convert(rootNode, depth: 0) else {
            return .failure(
                converter.failure
                    ?? .error("xml.internal", "could not read the document", at: start))
        }
        return .success(XMLDocumentTree(root: root, source: source))
    }

    private static func syntaxError(context: xmlParserCtxtPtr, path: String, source: SourceText) -> Diagnostic {
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

/// Walks libxml2's node tree once, copying it into `XMLElement_` values.
private struct TreeConverter {
    let source: SourceText
    var failure: Diagnostic?

    init(source: SourceText) { self.source = source }

    mutating func convert(_ node: xmlNodePtr, depth: Int) -> XMLElement_? {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        let line = Int(xmlGetLineNo(node))
        let location = SourceLocation(
            file: source.path, line: max(line, 1), column: source.column(ofTag: qualifiedName(node, name), onLine: line))
        if depth > LibXMLReader.maximumDepth {
            failure = .error(
                "xml.tooDeep", "elements nest more than \(LibXMLReader.maximumDepth) deep; this is not a flow file",
                at: location)
            return nil
        }
        var text = ""
        var children: [XMLElement_] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard let converted = convert(current, depth: depth + 1) else { return nil }
                children.append(converted)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                failure = .error(
                    "xml.entity", "entity references are not supported in flow files; write the character itself",
                    at: location)
                return nil
            default:
                break
            }
            child = current.pointee.next
        }
        let textLocation = SourceLocation(
            file: source.path, line: max(line, 1), column: source.column(ofTextIn: qualifiedName(node, name), onLine: line))
        return XMLElement_(name: name, text: text, children: children, location: location, textLocation: textLocation)
    }

    private func qualifiedName(_ node: xmlNodePtr, _ name: String) -> String {
        if let prefix = node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + name }
        return name
    }
}
