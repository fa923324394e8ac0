/// A generated flow with `count` elements of the everyday kinds (assignments and decisions over
/// numbers, text and a formula), for timing parse and check on something far larger than real flows.
enum LargeFlow {
    static func xml(elements count: Int) -> String {
        var parts = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">"]
        for index in 0..<count {
            let next = index + 1 < count ? "<connector><targetReference>E\(index + 1)</targetReference></connector>" : ""
            if index % 2 == 0 {
                parts.append(
                    """
                        <assignments>
                            <name>E\(index)</name>
                            <label>Step \(index)</label>
                            <locationX>\(index * 10)</locationX>
                            <locationY>\(index * 20)</locationY>
                            <assignmentItems>
                                <assignToReference>Total</assignToReference>
                                <operator>Add</operator>
                                <value><numberValue>\(index % 7)</numberValue></value>
                            </assignmentItems>
                            <assignmentItems>
                                <assignToReference>Trail</assignToReference>
                                <operator>Assign</operator>
                                <value><stringValue>step \(index)</stringValue></value>
                            </assignmentItems>
                            \(next)
                        </assignments>
                    """)
            } else {
                parts.append(
                    """
                        <decisions>
                            <name>E\(index)</name>
                            <label>Check \(index)</label>
                            <defaultConnector><targetReference>\(index + 1 < count ? "E\(index + 1)" : "E0")</targetReference></defaultConnector>
                            <rules>
                                <name>R\(index)</name>
                                <conditionLogic>1 AND (2 OR 3)</conditionLogic>
                                <conditions><leftValueReference>Total</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>\(index)</numberValue></rightValue></conditions>
                                <conditions><leftValueReference>Doubled</leftValueReference><operator>LessThan</operator><rightValue><numberValue>1000000</numberValue></rightValue></conditions>
                                <conditions><leftValueReference>Trail</leftValueReference><operator>StartsWith</operator><rightValue><stringValue>step</stringValue></rightValue></conditions>
                                \(next)
                                <label>R\(index)</label>
                            </rules>
                        </decisions>
                    """)
            }
        }
        parts.append(
            """
                <formulas><name>Doubled</name><dataType>Number</dataType><expression>{!Total} * 2 + LEN({!Trail})</expression><scale>0</scale></formulas>
                <start><connector><targetReference>E0</targetReference></connector></start>
                <variables><name>Total</name><dataType>Number</dataType><isOutput>true</isOutput><scale>0</scale><value><numberValue>0</numberValue></value></variables>
                <variables><name>Trail</name><dataType>String</dataType></variables>
            </Flow>
            """)
        return parts.joined(separator: "\n")
    }
}
