import FlowrunCore
import Foundation
import Testing

/// The diagram the coverage report and the debug view draw: where `FlowGraphLayout` puts the
/// nodes of a small loop (known answers worked out by hand), and that names from the flow are
/// escaped in the SVG.
@Suite struct SVGRendererTests {
    /// Start → loop over Items; each item → Count → back to the loop; after the last → Finish.
    static let loopFlow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <label>Counting</label>
            <processType>AutoLaunchedFlow</processType>
            <start><connector><targetReference>Each_Item</targetReference></connector></start>
            <loops>
                <name>Each_Item</name>
                <label>Each Item</label>
                <collectionReference>Items</collectionReference>
                <iterationOrder>Asc</iterationOrder>
                <nextValueConnector><targetReference>Count</targetReference></nextValueConnector>
                <noMoreValuesConnector><targetReference>Finish</targetReference></noMoreValuesConnector>
            </loops>
            <assignments>
                <name>Count</name>
                <label>Count &lt;one&gt; &amp; more</label>
                <connector><targetReference>Each_Item</targetReference></connector>
                <assignmentItems><assignToReference>Total</assignToReference><operator>Add</operator>
                    <value><numberValue>1</numberValue></value></assignmentItems>
            </assignments>
            <assignments>
                <name>Finish</name>
                <label>Finish</label>
                <assignmentItems><assignToReference>Done</assignToReference><operator>Assign</operator>
                    <value><booleanValue>true</booleanValue></value></assignmentItems>
            </assignments>
            <variables><name>Items</name><dataType>String</dataType><isCollection>true</isCollection></variables>
            <variables><name>Total</name><dataType>Number</dataType><scale>0</scale></variables>
            <variables><name>Done</name><dataType>Boolean</dataType></variables>
        </Flow>
        """

    static func graph() throws -> FlowGraph {
        let (flow, _) = FlowParser.parse(Array(loopFlow.utf8), path: "Counting.flow-meta.xml")
        return FlowGraph(try #require(flow))
    }

    @Test func aLoopIsLaidOutInRowsWithItsReturnAsTheOnlyBackEdge() throws {
        let layout = FlowGraphLayout(try Self.graph())
        #expect(layout.backEdges == ["Count->Each_Item"])
        let rank = layout.boxes.mapValues(\.rank)
        #expect(rank == [FlowGraph.startID: 0, "Each_Item": 1, "Count": 2, "Finish": 2])
        // Two nodes in the widest row: 24 margin + 180 + 40 + 180 + 24, and 80 for the back edge.
        #expect(layout.width == 528)
        // Three rows of 48 with 64 between them, and the margins.
        #expect(layout.height == 320.0)
        // Rows centred on the widest: 24 + 400 / 2 = 224, its two nodes 220 apart.
        #expect(layout.boxes["Each_Item"]?.x == 224)
        #expect(layout.boxes["Count"]?.x == 114)
        #expect(layout.boxes["Finish"]?.x == 334)
        // Row centres: 24 + 24 + rank × (48 + 64).
        #expect(layout.boxes["Count"]?.y == 272)
        #expect(layout.boxes["Each_Item"]?.y == 160)
    }

    @Test func theBackEdgeGoesRoundTheRightAndNamesAreEscaped() throws {
        let svg = SVGRenderer.render(
            try Self.graph(), title: "Counting <&>", nodes: ["Count": .hit, "Finish": .missed],
            edges: ["Count->Each_Item": .hit])
        #expect(svg.contains(#"aria-label="Diagram of Counting &lt;&amp;&gt;""#))
        // From Count's bottom (114, 296) into the gap below its row (296 + 32), right past the
        // nodes (424 + 16), up to the gap above the loop's row (136 - 32), and down into the
        // loop's top beside the middle (224 + 30).
        #expect(
            svg.contains(
                #"<g class="edge hit" data-connector="Count-&gt;Each_Item" data-mark="hit"><path d="M114,296 L114,328 L440,328 L440,104 L254,104 L254,136""#
            ))
        #expect(svg.contains("<title>Count &lt;one&gt; &amp; more (Count)</title>"))
        #expect(svg.contains(#"<g class="node assignment missed" data-element="Finish" data-mark="missed">"#))
        #expect(!svg.contains("<one>"))
    }
}
