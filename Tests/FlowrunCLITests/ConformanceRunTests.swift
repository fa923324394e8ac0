import Foundation
import Testing

/// Real flows from Tests/Conformance/flows, run end to end by `flowrun test` with records and
/// screen answers from the fixtures beside this file, their outcomes asserted there.
@Suite struct ConformanceRunTests {
    @Test func conformanceFlowsRunToTheirKnownOutcomes() throws {
        let result = try CommandLineTests.flowrun(["test", "Tests/FlowrunCLITests/Fixtures/conformance"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("✔ trailheadapps__agent-script-recipes__DeleteTicket: deleting a ticket by its Id leaves the others\n"))
        #expect(
            result.stdout.contains(
                "✔ alexed1__LightningFlowComponents__Get_Account_Recommendation: every account becomes a recommendation mapped field by field\n"
            ))
        #expect(
            result.stdout.contains(
                "✔ Flow-Scanner__lightning-flow-scanner__Get_All_Elements_Flow_FieldVarRecord: the name component's answers find the contact\n"
            ))
        #expect(
            result.stdout.contains(
                "✔ SalesforceLabs__FlowAutomationForIncidentManagement__AIM_CreateKnowledgeArticle: the article is prefilled from the incident, edited on screen and created\n"
            ))
        #expect(result.stdout.contains("✔ SalesforceLabs__AllOnboard__Sample_Blank_Flow: each screen moves the current stage on\n"))
        #expect(
            result.stdout.contains(
                "✔ alexed1__LightningFlowComponents__Manage_Employee_Tactics: a plan chosen from the record choice set gets the order given in the component\n"
            ))
        #expect(result.stdout.contains("\n129 passed, 0 failed\n"))
    }

    @Test func theTerminalAsksEachComponentOutput() throws {
        let flow = "Tests/Conformance/flows/Flow-Scanner__lightning-flow-scanner__Get_All_Elements_Flow_FieldVarRecord.flow-meta.xml"
        let records = "Tests/FlowrunCLITests/Fixtures/conformance/contacts.json"
        let result = try CommandLineTests.flowrun(["run", flow, "--records", records, "--format", "json"], stdin: "Ada\nLovelace\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ContactName (component flowruntime:name)"))
        #expect(result.stdout.contains("firstName: "))
        #expect(result.stdout.contains("lastName: "))
    }
}
