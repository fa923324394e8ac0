import FlowrunCore
import Foundation
import Testing

/// Functions a flow formula may not call. Salesforce Help, *Flow Formula Considerations*
/// (platform.flow_considerations_design_formulas.htm): "These functions aren't supported in a flow
/// formula: GETRECORDIDS, IMAGE, INCLUDES, PARENTGROUPVAL, PREVGROUPVAL, PRIORVALUE, REQUIRE SCRIPT,
/// VLOOKUP." ISNEW, ISCHANGED and PRIORVALUE need the triggering record; *How Entry Conditions Work
/// in Record-Triggered Flows* uses them in a record-triggered flow's formula entry condition.
@Suite struct FlowFormulaFunctionTests {
    /// The diagnostics of a flow with one formula resource `F` (line 4 of the file).
    static func check(_ expression: String, start: String = "") -> [Diagnostic] {
        let xml = """
            <?xml version="1.0"?>
            <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <variables><name>Regions</name><dataType>Multipicklist</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
            <formulas><name>F</name><dataType>Boolean</dataType><expression>\(expression)</expression></formulas>
            \(start)
            </Flow>
            """
        let (parsed, parseDiagnostics) = FlowParser.parse(Array(xml.utf8), path: "inline.xml")
        guard let parsed else { return parseDiagnostics }
        return Validator().validate(parsed).1
    }

    static func refusals(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.id == "validate.unsupportedFunction" }
    }

    @Test func includesIsRefusedWhereItIsCalled() throws {
        let found = Self.refusals(Self.check("NOT(false) || INCLUDES({!Regions}, &quot;North&quot;)"))
        let refusal = try #require(found.first)
        #expect(found.count == 1)
        #expect(refusal.severity == .error)
        // Line 4; the expression's text begins at column 65 and INCLUDES is 14 characters into it.
        #expect(refusal.location == SourceLocation(file: "inline.xml", line: 4, column: 79))
        #expect(refusal.message.contains("INCLUDES isn't supported in a flow formula"))
        #expect(refusal.message.contains("Flow Formula Considerations"))
    }

    @Test(arguments: ["GETRECORDIDS", "IMAGE", "PARENTGROUPVAL", "PREVGROUPVAL", "VLOOKUP", "REQUIRESCRIPT"])
    func theOtherListedFunctionsAreRefused(name: String) throws {
        let found = Self.refusals(Self.check("ISBLANK(\(name)(1, 2))"))
        let refusal = try #require(found.first, "\(name) was accepted")
        #expect(refusal.location.line == 4)
        #expect(refusal.message.contains("\(name) is not supported in flow formulas"))
    }

    @Test func recordChangeFunctionsAreRefusedOutsideRecordTriggeredFlows() {
        for call in ["ISNEW()", "ISCHANGED({!Regions})"] {
            let found = Self.refusals(Self.check(call))
            #expect(found.count == 1, "\(call)")
            #expect(found.first?.message.contains("only a record-triggered flow may call it") == true)
        }
        #expect(Self.refusals(Self.check("ISBLANK(PRIORVALUE({!Regions}))")).count == 1)
    }

    static let recordTriggered = """
        <start><object>Account</object><recordTriggerType>CreateAndUpdate</recordTriggerType><triggerType>RecordAfterSave</triggerType>
          <filterFormula>ISNEW() || PRIORVALUE({!$Record.Name}) &lt;&gt; {!$Record.Name}</filterFormula></start>
        """

    @Test func aRecordTriggeredFlowMayUseThemAndPriorValueOnlyInItsEntryCondition() {
        // ISNEW and ISCHANGED in a formula resource of a record-triggered flow: accepted.
        #expect(Self.refusals(Self.check("ISNEW() || ISCHANGED({!$Record.Name})", start: Self.recordTriggered)).isEmpty)
        // PRIORVALUE in the entry condition (above) is accepted; in a formula resource it is refused.
        let found = Self.refusals(Self.check("PRIORVALUE({!$Record.Name}) = &quot;x&quot;", start: Self.recordTriggered))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("PRIORVALUE isn't supported in a flow formula") == true)
    }
}
