/// An XML element read from a flow file, copied out of libxml2 into Swift values so that no
/// libxml2 pointer outlives the parse (see `LibXMLReader`).
public struct XMLElement_: Sendable {
    /// The local name (`decisions`), without namespace prefix.
    public var name: String
    /// The direct text content (text and CDATA children concatenated), untrimmed.
    public var text: String
    public var children: [XMLElement_]
    /// Where the start tag is.
    public var location: SourceLocation
    /// Where the element's text starts (just after `<name>`), for positions inside expressions.
    public var textLocation: SourceLocation

    public init(
        name: String, text: String, children: [XMLElement_], location: SourceLocation, textLocation: SourceLocation
    ) {
        self.name = name
        self.text = text
        self.children = children
        self.location = location
        self.textLocation = textLocation
    }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLElement_? { children.first { $0.name == name } }

    /// Every child called `name`, in document order.
    public func children(_ name: String) -> [XMLElement_] { children.filter { $0.name == name } }

    /// The trimmed text of the first child called `name`, or nil when there is none or it is empty.
    public func childText(_ name: String) -> String? {
        guard let text = child(name)?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    /// The text without surrounding white space.
    public var trimmedText: String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// A parsed XML document: its root element and the text it came from.
public struct XMLDocumentTree: Sendable {
    public var root: XMLElement_
    public var source: SourceText
}
