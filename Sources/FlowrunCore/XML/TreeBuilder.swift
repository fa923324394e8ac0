import CLibXML2
import Foundation

/// Builds an `XMLDocumentTree` from libxml2's SAX2 events, for `LibXMLReader`.
///
/// Each element becomes one `XMLNode`; its text is a range of the source bytes while libxml2
/// hands it over unchanged (it passes pointers into its copy of the input, whose place in the
/// document it knows), and is copied only where libxml2 rewrote it (entities, CR LF, CDATA joined
/// to text) or where child elements split it. Refusals (a DOCTYPE, nesting too deep) stop the
/// parser at once.
final class TreeBuilder {
    let source: SourceText
    /// The parser, while it runs, for the line it is on.
    var context: xmlParserCtxtPtr?
    var failure: Diagnostic?
    private(set) var nodes: [XMLNode] = []
    private var names: [XMLName] = []
    private var nameIndex: [NameKey: Int32] = [:]
    private var decodedText: [UInt8] = []
    /// The elements not yet closed, innermost last.
    private var open: [OpenElement] = []
    /// Text of open elements that could not stay a range of the source, by depth (kept for their capacity).
    private var pending: [[UInt8]] = []

    private struct OpenElement {
        var node: Int32
        var lastChild: Int32 = -1
        var textStart = -1
        var textEnd = -1
        var textIsPending = false
    }

    /// libxml2 interns names in its dictionary, so a name's pointers identify it during one parse.
    private struct NameKey: Hashable {
        var local: UnsafeRawPointer
        var prefix: UnsafeRawPointer?
    }

    init(source: SourceText) {
        self.source = source
        nodes.reserveCapacity(Self.elementCountBound(source.bytes))
    }

    /// At most how many elements `bytes` can hold: its `<` that start a tag (not `</`, `<!` or
    /// `<?`), and never more than one per 4 bytes (`<a/>`). Reserved up front, the node array does
    /// not grow by doubling, which held the old array and its double at once: 22 MB at the peak of
    /// checking a 9.9 MB flow, whose nodes take 8 MB. A `<` in a comment or CDATA only over-reserves
    /// address space, which is not touched.
    static func elementCountBound(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, Int32(UInt8(ascii: "<")), buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                if offset < buffer.count, buffer[offset] != UInt8(ascii: "/"), buffer[offset] != UInt8(ascii: "!"),
                    buffer[offset] != UInt8(ascii: "?")
                {
                    count += 1
                }
            }
            return min(count, buffer.count / 4)
        }
    }

    func document() -> XMLDocumentTree {
        XMLDocumentTree(source: source, nodes: nodes, names: names, decodedText: decodedText)
    }

    /// The SAX2 callbacks: elements, text (CDATA arrives as text, `XML_PARSE_NOCDATA`), and the
    /// two things refused. White space is text too, as in libxml2's own trees.
    static var handler: xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, local, prefix, _, _, _, _, _, _ in
            guard let context, let local else { return }
            TreeBuilder.from(context).start(local: local, prefix: prefix)
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            TreeBuilder.from(context).end()
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            TreeBuilder.from(context).text(UnsafeRawPointer(bytes), count: Int(count))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            TreeBuilder.from(context).refuse(
                .error(
                    "xml.doctype",
                    "DOCTYPE declarations are not allowed in flow files (they can define entities that read files or expand without bound); remove the <!DOCTYPE …> line",
                    at: SourceLocation(file: TreeBuilder.from(context).source.path, line: 1, column: 1)))
        }
        handler.reference = { context, _ in
            guard let context else { return }
            let builder = TreeBuilder.from(context)
            builder.refuse(
                .error(
                    "xml.entity", "entity references are not supported in flow files; write the character itself",
                    at: builder.currentLocation))
        }
        return handler
    }

    private static func from(_ context: UnsafeMutableRawPointer) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue()
    }

    private func start(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        guard failure == nil else { return }
        let line = Int32(clamping: context?.pointee.input?.pointee.line ?? 1)
        let index = Int32(nodes.count)
        nodes.append(XMLNode(name: name(local: local, prefix: prefix), line: line))
        if let parent = open.indices.last {
            if open[parent].lastChild >= 0 {
                nodes[Int(open[parent].lastChild)].nextSibling = index
            } else {
                nodes[Int(open[parent].node)].firstChild = index
            }
            open[parent].lastChild = index
            // The parent's text so far and whatever follows this child are no longer one range.
            if open[parent].textStart >= 0, !open[parent].textIsPending { makePending(parent) }
        }
        open.append(OpenElement(node: index))
        if open.count > LibXMLReader.maximumDepth + 1 {
            refuse(
                .error(
                    "xml.tooDeep", "elements nest more than \(LibXMLReader.maximumDepth) deep; this is not a flow file",
                    at: currentLocation))
        }
    }

    private func end() {
        guard failure == nil, let element = open.popLast() else { return }
        var node = nodes[Int(element.node)]
        if element.textIsPending {
            let depth = open.count
            node.textStart = Int32(decodedText.count)
            decodedText.append(contentsOf: pending[depth])
            node.textEnd = Int32(decodedText.count)
            node.textIsDecoded = true
            pending[depth].removeAll(keepingCapacity: true)
        } else if element.textStart >= 0 {
            node.textStart = Int32(element.textStart)
            node.textEnd = Int32(element.textEnd)
        }
        nodes[Int(element.node)] = node
    }

    private func text(_ bytes: UnsafeRawPointer, count: Int) {
        guard failure == nil, let top = open.indices.last else { return }
        let offset = sourceOffset(of: bytes, count: count)
        let inPlace = offset >= 0
        if !open[top].textIsPending {
            if inPlace, open[top].textStart < 0 {
                open[top].textStart = offset
                open[top].textEnd = offset + count
                return
            }
            if inPlace, open[top].textEnd == offset, open[top].lastChild < 0 {
                open[top].textEnd += count
                return
            }
            makePending(top)
        }
        pending[top].append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Where `count` bytes that libxml2 passed at `bytes` are in the document, or -1 when they are
    /// not a piece of its input (an entity's replacement, text with CR LF made LF). The bytes are
    /// compared with the source's, so a wrong guess can only cost a copy, never change the text.
    private func sourceOffset(of bytes: UnsafeRawPointer, count: Int) -> Int {
        guard let input = context?.pointee.input, let base = input.pointee.base, let end = input.pointee.end else { return -1 }
        let start = UnsafeRawPointer(base)
        guard bytes >= start, bytes + count <= UnsafeRawPointer(end) else { return -1 }
        let offset = Int(input.pointee.consumed) + start.distance(to: bytes)
        guard offset >= 0, offset + count <= source.bytes.count else { return -1 }
        let same = source.bytes.withUnsafeBytes { source in
            source.baseAddress.map { memcmp($0 + offset, bytes, count) == 0 } ?? false
        }
        return same ? offset : -1
    }

    /// Moves the text of the open element at `depth` out of the source into its pending buffer.
    private func makePending(_ depth: Int) {
        while pending.count <= depth { pending.append([]) }
        if open[depth].textStart >= 0 {
            pending[depth].append(contentsOf: source.bytes[open[depth].textStart..<open[depth].textEnd])
        }
        open[depth].textIsPending = true
        open[depth].textStart = 0
    }

    private func name(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) -> Int32 {
        let key = NameKey(local: UnsafeRawPointer(local), prefix: prefix.map(UnsafeRawPointer.init))
        if let known = nameIndex[key] { return known }
        let localName = String(cString: local)
        var qualified = Array(localName.utf8)
        if let prefix { qualified = Array(String(cString: prefix).utf8) + [0x3A] + qualified }
        let index = Int32(names.count)
        names.append(XMLName(local: localName, qualifiedBytes: qualified))
        nameIndex[key] = index
        return index
    }

    /// Where the innermost open element's start tag is.
    private var currentLocation: SourceLocation {
        guard let element = open.last else { return SourceLocation(file: source.path, line: 1, column: 1) }
        return XMLElement_(document: document(), index: element.node).location
    }

    private func refuse(_ diagnostic: Diagnostic) {
        guard failure == nil else { return }
        failure = diagnostic
        if let context { xmlStopParser(context) }
    }
}
