import FlowrunCore
import Foundation
import Testing

/// A flow's fault and its transaction, on every store, as Salesforce documents them (Help, "Flow
/// Fault Handling"): an unhandled fault undoes the transaction's changes; a
/// handled one keeps the changes made before it, and the flow goes on writing in the same transaction.
@Suite("RecordStore contract: faults and the flow transaction", .temporaryPostgresSchemas)
struct FaultTransactionTests {
    /// Create an Account, then create a Contact with an Id the Account already took: the second
    /// Create Records fails in the store. A handled fault creates a Case afterwards.
    static func flow(faultPath: Bool) -> String {
        let fault = faultPath ? "<faultConnector><targetReference>Handled</targetReference></faultConnector>" : ""
        return """
            <?xml version="1.0"?>
            <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
              <processType>AutoLaunchedFlow</processType>
              <start><connector><targetReference>Create_Account</targetReference></connector></start>
              <recordCreates><name>Create_Account</name><label>Create Account</label>
                <assignRecordIdToReference>AccountId</assignRecordIdToReference>
                <connector><targetReference>Create_Clash</targetReference></connector>
                <inputAssignments><field>Name</field><value><stringValue>Acme</stringValue></value></inputAssignments>
                <object>Account</object>
              </recordCreates>
              <recordCreates><name>Create_Clash</name><label>Create Clash</label>
                \(fault)
                <inputAssignments><field>Id</field><value><elementReference>AccountId</elementReference></value></inputAssignments>
                <inputAssignments><field>LastName</field><value><stringValue>Clash</stringValue></value></inputAssignments>
                <object>Contact</object>
              </recordCreates>
              <recordCreates><name>Handled</name><label>Handled</label>
                <inputAssignments><field>Subject</field><value><elementReference>$Flow.FaultMessage</elementReference></value></inputAssignments>
                <object>Case</object>
              </recordCreates>
              <variables><name>AccountId</name><dataType>String</dataType><isCollection>false</isCollection>
                <isInput>false</isInput><isOutput>false</isOutput></variables>
            </Flow>
            """
    }

    static func run(faultPath: Bool, store: any RecordStore) async throws -> Interview {
        let (parsed, _) = FlowParser.parse(Array(flow(faultPath: faultPath).utf8), path: "fault.xml")
        let (validated, diagnostics) = Validator().validate(try #require(parsed))
        let interpreter = Interpreter(
            flow: try #require(validated, "\(diagnostics)"), services: FlowServices(records: store, console: CapturedOutput()))
        return try await interpreter.start()
    }

    @Test(arguments: StoreKind.allCases)
    func anUnhandledFaultLeavesNothing(store kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let interview = try await Self.run(faultPath: false, store: store)
        guard case .failed(let error) = interview.status else {
            Issue.record("expected a failure, got \(interview.status)")
            return
        }
        #expect(error.elementName == "Create_Clash")
        #expect(try await store.query(RecordQuery(object: "Account")).isEmpty)
        #expect(try await store.query(RecordQuery(object: "Contact")).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aHandledFaultKeepsWhatCameBeforeAndGoesOnWriting(store kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let interview = try await Self.run(faultPath: true, store: store)
        guard case .finished = interview.status else {
            Issue.record("expected the flow to finish, got \(interview.status)")
            return
        }
        let accounts = try await store.query(RecordQuery(object: "Account"))
        #expect(accounts.map { $0["Name"] } == ["Acme"])
        #expect(try await store.query(RecordQuery(object: "Contact")).isEmpty)
        let id = try #require(accounts.first?.id)
        let subjects = try await store.query(RecordQuery(object: "Case")).map { $0["Subject"] }
        #expect(subjects.count == 1)
        #expect(subjects.first?.stringValue?.contains("cannot create Contact record \(id): a record with that Id already exists") == true)
    }
}
