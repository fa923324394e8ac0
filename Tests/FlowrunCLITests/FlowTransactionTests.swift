import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// A flow transaction commits together or not at all, as Salesforce's does (Help, "Flow Fault
/// Handling" and "Roll Back Records"): an unhandled fault undoes every change of the transaction;
/// a fault the flow handles keeps the changes made before it.
@Suite struct FlowTransactionTests {
    /// Create an Account, then update a record variable that has no Id: Update Records fails.
    static func flow(faultPath: Bool) -> String {
        let fault = faultPath ? "<faultConnector><targetReference>Handled</targetReference></faultConnector>" : ""
        return """
            <?xml version="1.0"?>
            <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
              <processType>AutoLaunchedFlow</processType>
              <start><connector><targetReference>Create_Account</targetReference></connector></start>
              <recordCreates><name>Create_Account</name><label>Create Account</label>
                <connector><targetReference>Update_Nothing</targetReference></connector>
                <inputAssignments><field>Name</field><value><stringValue>Acme</stringValue></value></inputAssignments>
                <object>Account</object>
              </recordCreates>
              <recordUpdates><name>Update_Nothing</name><label>Update Nothing</label>
                \(fault)
                <inputReference>Orphan</inputReference>
              </recordUpdates>
              <assignments><name>Handled</name><label>Handled</label>
                <assignmentItems><assignToReference>Outcome</assignToReference><operator>Assign</operator>
                  <value><stringValue>handled</stringValue></value></assignmentItems>
              </assignments>
              <variables><name>Orphan</name><dataType>SObject</dataType><isCollection>false</isCollection>
                <isInput>false</isInput><isOutput>false</isOutput><objectType>Account</objectType></variables>
              <variables><name>Outcome</name><dataType>String</dataType><isCollection>false</isCollection>
                <isInput>false</isInput><isOutput>true</isOutput></variables>
            </Flow>
            """
    }

    static func run(faultPath: Bool, store: any RecordStore) async throws -> Interview {
        let (parsed, _) = FlowParser.parse(Array(flow(faultPath: faultPath).utf8), path: "transaction.xml")
        let (validated, diagnostics) = Validator().validate(try #require(parsed))
        let interpreter = Interpreter(
            flow: try #require(validated, "\(diagnostics)"), services: FlowServices(records: store, console: CapturedOutput()))
        return try await interpreter.start()
    }

    static func stores() throws -> [any RecordStore] {
        [InMemoryRecordStore(), try SQLiteRecordStore.inMemory(), try SQLiteRecordStore(path: temporaryPath())]
    }

    @Test func anUnhandledFaultLeavesNoAccount() async throws {
        for store in try Self.stores() {
            let interview = try await Self.run(faultPath: false, store: store)
            guard case .failed(let error) = interview.status else {
                Issue.record("expected a failure, got \(interview.status)")
                continue
            }
            #expect(error.elementName == "Update_Nothing")
            #expect(try await store.query(RecordQuery(object: "Account")).isEmpty, "\(type(of: store))")
        }
    }

    @Test func aHandledFaultKeepsTheAccount() async throws {
        for store in try Self.stores() {
            let interview = try await Self.run(faultPath: true, store: store)
            guard case .finished(let outputs) = interview.status else {
                Issue.record("expected the flow to finish, got \(interview.status)")
                continue
            }
            #expect(outputs["Outcome"] == "handled")
            let names = try await store.query(RecordQuery(object: "Account")).map { $0["Name"] }
            #expect(names == ["Acme"], "\(type(of: store))")
        }
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-tx-\(UUID().uuidString).sqlite").path
    }
}
