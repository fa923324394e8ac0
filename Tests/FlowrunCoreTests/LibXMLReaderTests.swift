import FlowrunCore
import Foundation
import Testing

@Suite struct LibXMLReaderTests {
    private func read(_ text: String) -> Result<XMLDocumentTree, Diagnostic> {
        LibXMLReader.parse(Array(text.utf8), path: "test.xml")
    }

    private func failure(_ text: String) -> Diagnostic? {
        if case .failure(let diagnostic) = read(text) { return diagnostic }
        return nil
    }

    @Test func elementsKnowTheirLineAndColumn() throws {
        let tree = try read("<?xml version=\"1.0\"?>\n<Flow>\n    <label>Hi</label>\n  <status>Active</status>\n</Flow>\n").get()
        #expect(tree.root.location == SourceLocation(file: "test.xml", line: 2, column: 1))
        #expect(tree.root.children.map(\.location.line) == [3, 4])
        #expect(tree.root.children.map(\.location.column) == [5, 3])
        #expect(tree.root.child("label")?.textLocation.column == 12)
        #expect(tree.root.childText("status") == "Active")
    }

    @Test func textIsDecodedAndJoinedAsTheXMLSpecifiesIt() throws {
        let tree = try read(
            "<Flow>\r\n  <label>a &amp; b<![CDATA[<c>]]>&#233;</label>\r\n  <mixed>x<b>1</b>y<b>2</b>z</mixed>\r\n"
                + "  <f:formula xmlns:f=\"urn:f\">IF(x,\r\n 1)</f:formula>\r\n</Flow>"
        ).get()
        #expect(tree.root.childText("label") == "a & b<c>é")
        #expect(tree.root.child("mixed")?.text == "xyz")
        #expect(tree.root.child("mixed")?.children("b").map(\.text) == ["1", "2"])
        let formula = try #require(tree.root.child("formula"))
        #expect(formula.text == "IF(x,\n 1)")
        #expect(formula.location == SourceLocation(file: "test.xml", line: 4, column: 3))
        #expect(tree.root.child("label")?.textLocation == SourceLocation(file: "test.xml", line: 2, column: 10))
        #expect(tree.root.text == "\n  \n  \n  \n")
    }

    @Test func whiteSpaceIsTrimmedAsCharactersHaveIt() throws {
        // U+00A0 (no-break space) is white space too, not only ASCII blanks.
        let tree = try read("<Flow><a>\u{A0} x \u{A0}</a><c> \t</c></Flow>").get()
        #expect(tree.root.childText("a") == "x")
        #expect(tree.root.childText("c") == nil)
    }

    @Test func malformedXMLReportsLibxml2sLineAndColumn() throws {
        let diagnostic = try #require(failure("<Flow>\n  <label>x</labl>\n</Flow>"))
        #expect(diagnostic.id == "xml.syntax")
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column == 18)
    }

    @Test func emptyAndBinaryFilesAreRefused() throws {
        #expect(failure("")?.id == "xml.syntax")
        let binary = LibXMLReader.parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], path: "logo.png")
        guard case .failure(let diagnostic) = binary else {
            Issue.record("a PNG was accepted")
            return
        }
        #expect(diagnostic.id == "xml.binary")
        #expect(diagnostic.message.contains("not a text file"))
    }

    @Test func externalEntitiesNeverReadFiles() throws {
        let attack = """
            <?xml version="1.0"?>
            <!DOCTYPE Flow [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <Flow><label>&secret;</label></Flow>
            """
        let diagnostic = try #require(failure(attack))
        #expect(diagnostic.id == "xml.doctype")
        #expect(!diagnostic.message.contains("root:"))
    }

    @Test func entityExpansionIsRefusedQuickly() throws {
        var attack = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            attack += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        attack += "]>\n<Flow><label>&lol9;</label></Flow>\n"
        let diagnostic = try #require(failure(attack))
        #expect(["xml.doctype", "xml.syntax"].contains(diagnostic.id))
    }

    @Test func oversizedFilesAreRefusedBeforeParsing() throws {
        let bytes = [UInt8](repeating: 0x20, count: LibXMLReader.maximumSize + 1)
        guard case .failure(let diagnostic) = LibXMLReader.parse(bytes, path: "huge.xml") else {
            Issue.record("an oversized file was accepted")
            return
        }
        #expect(diagnostic.id == "xml.tooLarge")
    }

    @Test func absurdNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
        let diagnostic = try #require(failure("<Flow>" + deep + "</Flow>"))
        #expect(["xml.syntax", "xml.tooDeep"].contains(diagnostic.id))
    }
}
