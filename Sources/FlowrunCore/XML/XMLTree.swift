/// A parsed XML document, stored compactly: one fixed-size record per element, element names
/// interned once, and text kept as ranges of the file's own bytes wherever libxml2 handed it over
/// unchanged. Nothing is turned into a Swift `String` until the flow parser asks for it, so a
/// large file costs little more than its bytes (see `LibXMLReader`).
public final class XMLDocumentTree: Sendable {
    /// The text the document was read from, for locations (columns are found in it) and diagnostics.
    public let source: SourceText
    let nodes: [XMLNode]
    let names: [XMLName]
    /// Text that libxml2 rewrote while parsing (entities and character references decoded,
    /// CR LF made LF, CDATA and text around child elements joined): what `XMLNode.textIsDecoded` points into.
    let decodedText: [UInt8]

    init(source: SourceText, nodes: [XMLNode], names: [XMLName], decodedText: [UInt8]) {
        self.source = source
        self.nodes = nodes
        self.names = names
        self.decodedText = decodedText
    }

    /// The document element.
    public var root: XMLElement_ { XMLElement_(document: self, index: 0) }
}

/// An element name as it appears in the file.
struct XMLName: Sendable {
    /// The local name (`decisions`), without namespace prefix.
    let local: String
    /// The name as written in the tag (`x:decisions`), whose bytes are looked for to find columns.
    let qualifiedBytes: [UInt8]
}

/// One element: its name, where its start tag is, its children and its text.
struct XMLNode: Sendable {
    var name: Int32
    /// The line of the start tag (where libxml2 was when it had read it, as for its own trees).
    var line: Int32
    var firstChild: Int32 = -1
    var nextSibling: Int32 = -1
    /// The direct text content: a range of the source bytes, or of `decodedText`.
    var textStart: Int32 = 0
    var textEnd: Int32 = 0
    var textIsDecoded = false
}

/// An element of a parsed XML document: a view into `XMLDocumentTree`, which it keeps alive.
public struct XMLElement_: Sendable {
    let document: XMLDocumentTree
    let index: Int32

    private var node: XMLNode { document.nodes[Int(index)] }

    /// The local name (`decisions`), without namespace prefix.
    public var name: String { document.names[Int(node.name)].local }

    /// The direct text content (text and CDATA children concatenated), untrimmed.
    public var text: String { withTextBytes { String(decoding: $0, as: UTF8.self) } }

    /// Every child element, in document order.
    public var children: [XMLElement_] {
        var result: [XMLElement_] = []
        var child = node.firstChild
        while child >= 0 {
            result.append(XMLElement_(document: document, index: child))
            child = document.nodes[Int(child)].nextSibling
        }
        return result
    }

    /// Where the start tag is.
    public var location: SourceLocation {
        let node = node
        let line = Int(node.line)
        return SourceLocation(
            file: document.source.path, line: max(line, 1),
            column: document.source.column(ofTag: document.names[Int(node.name)].qualifiedBytes, onLine: line))
    }

    /// Where the element's text starts (just after `<name>`), for positions inside expressions.
    public var textLocation: SourceLocation {
        let node = node
        let line = Int(node.line)
        return SourceLocation(
            file: document.source.path, line: max(line, 1),
            column: document.source.column(ofTextIn: document.names[Int(node.name)].qualifiedBytes, onLine: line))
    }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLElement_? {
        var child = node.firstChild
        while child >= 0 {
            let node = document.nodes[Int(child)]
            if document.names[Int(node.name)].local == name { return XMLElement_(document: document, index: child) }
            child = node.nextSibling
        }
        return nil
    }

    /// Every child called `name`, in document order.
    public func children(_ name: String) -> [XMLElement_] {
        var result: [XMLElement_] = []
        var child = node.firstChild
        while child >= 0 {
            let node = document.nodes[Int(child)]
            if document.names[Int(node.name)].local == name { result.append(XMLElement_(document: document, index: child)) }
            child = node.nextSibling
        }
        return result
    }

    /// The trimmed text of the first child called `name`, or nil when there is none or it is empty.
    public func childText(_ name: String) -> String? {
        guard let text = child(name)?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    /// The text without surrounding white space (as `Character.isWhitespace` has it).
    public var trimmedText: String {
        withTextBytes { bytes in
            // ASCII white space is trimmed on the bytes; where the text would then start or end
            // with a non-ASCII character (which may be white space itself, or a combining mark
            // that joins the space before it into one character), characters decide.
            var start = bytes.startIndex
            var end = bytes.endIndex
            while start < end, Self.isASCIIWhitespace(bytes[start]) { start += 1 }
            while end > start, Self.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
            if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 {
                return Self.trimmedByCharacters(String(decoding: bytes, as: UTF8.self))
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    private func withTextBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let node = node
        let range = Int(node.textStart)..<Int(node.textEnd)
        let storage = node.textIsDecoded ? document.decodedText : document.source.bytes
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func trimmedByCharacters(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
