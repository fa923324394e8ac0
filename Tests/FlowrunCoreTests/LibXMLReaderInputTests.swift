import Foundation
import Testing

@testable import FlowrunCore

/// libxml2 reads the file a few kilobytes at a time (`flowrun_sax_parser`), and the reader sizes
/// its node array from the file: documents far larger than one read, and the bound it reserves.
@Suite struct LibXMLReaderInputTests {
    /// Text longer than libxml2's reads, and elements on both sides of many read boundaries, come
    /// out whole, at their lines, and as ranges of the file (not copies).
    @Test func aDocumentLargerThanOneReadIsReadWhole() throws {
        let long = String(repeating: "0123456789", count: 5_000)
        var text = "<Flow>\n  <long>\(long)</long>\n"
        for index in 0..<2_000 { text += "  <item><name>N\(index)</name></item>\n" }
        text += "</Flow>\n"
        let tree = try LibXMLReader.parse(Array(text.utf8), path: "big.xml").get()
        #expect(tree.root.child("long")?.text == long)
        #expect(tree.root.child("long")?.textLocation == SourceLocation(file: "big.xml", line: 2, column: 9))
        let items = tree.root.children("item")
        #expect(items.count == 2_000)
        #expect(items.last?.childText("name") == "N1999")
        #expect(items.last?.location == SourceLocation(file: "big.xml", line: 2_002, column: 3))
        // Node 1 is <long>: its 50,000 bytes arrived in several reads and are still one range of the file.
        #expect(tree.nodes[1].textIsDecoded == false)
        #expect(tree.nodes[1].textEnd - tree.nodes[1].textStart == 50_000)
    }

    /// A syntax error past the first read is reported where it is, as libxml2 finds it.
    @Test func anErrorFarIntoTheFileKeepsItsLineAndColumn() throws {
        var text = "<Flow>\n"
        for index in 0..<3_000 { text += "  <item>\(index)</item>\n" }
        text += "  <label>x</labl>\n</Flow>\n"
        guard case .failure(let diagnostic) = LibXMLReader.parse(Array(text.utf8), path: "bad.xml") else {
            Issue.record("a malformed document was accepted")
            return
        }
        #expect(diagnostic.id == "xml.syntax")
        #expect(diagnostic.location == SourceLocation(file: "bad.xml", line: 3_002, column: 18))
    }

    /// Start tags are counted; end tags, comments, CDATA, declarations and processing
    /// instructions are not, and a `<` inside a comment can only count too many.
    @Test func theNodeReserveIsAnUpperBound() {
        func bound(_ text: String) -> Int { TreeBuilder.elementCountBound(Array(text.utf8)) }
        #expect(bound("") == 0)
        #expect(bound("<Flow><a>1</a><b/></Flow>") == 3)
        #expect(bound("<?xml version=\"1.0\"?>\n<!-- note --><Flow><![CDATA[x]]></Flow>") == 1)
        #expect(bound("<Flow><!-- <old> --></Flow>") == 2)
        // Never more than one element per four bytes (`<a/>`).
        #expect(bound("<a<a<a<a") == 2)
    }
}
