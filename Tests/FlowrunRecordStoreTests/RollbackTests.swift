import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// Roll Back Records undoes a transaction's creates, updates and deletes on every store, and a
/// screen (a new transaction) commits what came before it.
@Suite(.temporaryPostgresSchemas) struct RollbackTests {
    static let flowText = """
        <?xml version="1.0"?>
        <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
          <recordCreates><name>Create</name><label>Create</label>
            <connector><targetReference>Rename</targetReference></connector>
            <inputAssignments><field>Name</field><value><stringValue>Committed</stringValue></value></inputAssignments>
            <object>Contact</object>
          </recordCreates>
          <recordUpdates><name>Rename</name><label>Rename</label>
            <connector><targetReference>Confirm</targetReference></connector>
            <filters><field>City</field><operator>EqualTo</operator><value><stringValue>London</stringValue></value></filters>
            <inputAssignments><field>City</field><value><stringValue>Paris</stringValue></value></inputAssignments>
            <object>Contact</object>
          </recordUpdates>
          <screens><name>Confirm</name><label>Confirm</label>
            <connector><targetReference>Create_Again</targetReference></connector>
            <fields><name>Note</name><fieldText>Go on?</fieldText><fieldType>DisplayText</fieldType></fields>
          </screens>
          <recordCreates><name>Create_Again</name><label>Create Again</label>
            <connector><targetReference>Remove</targetReference></connector>
            <inputAssignments><field>Name</field><value><stringValue>Undone</stringValue></value></inputAssignments>
            <object>Contact</object>
          </recordCreates>
          <recordDeletes><name>Remove</name><label>Remove</label>
            <connector><targetReference>Edit</targetReference></connector>
            <filters><field>City</field><operator>EqualTo</operator><value><stringValue>Paris</stringValue></value></filters>
            <object>Contact</object>
          </recordDeletes>
          <recordUpdates><name>Edit</name><label>Edit</label>
            <connector><targetReference>Undo</targetReference></connector>
            <filters><field>City</field><operator>EqualTo</operator><value><stringValue>Tokyo</stringValue></value></filters>
            <inputAssignments><field>Email</field><value><stringValue>changed@example.com</stringValue></value></inputAssignments>
            <object>Contact</object>
          </recordUpdates>
          <recordRollbacks><name>Undo</name><label>Undo</label></recordRollbacks>
          <start><connector><targetReference>Create</targetReference></connector></start>
        </Flow>
        """

    @Test(arguments: StoreKind.allCases)
    func rollbackUndoesOnlyTheCurrentTransaction(store kind: StoreKind) async throws {
        let store = try await kind.makeStore([
            FlowRecord(objectType: "Contact", fields: ["Id": .string(contactID(1)), "Name": "Ada", "City": "London"]),
            FlowRecord(
                objectType: "Contact",
                fields: ["Id": .string(contactID(2)), "Name": "Kenji", "City": "Tokyo", "Email": "kenji@example.com"]),
        ])
        let (parsed, _) = FlowParser.parse(Array(Self.flowText.utf8), path: "rollback.xml")
        let (validated, diagnostics) = Validator().validate(try #require(parsed))
        let flow = try #require(validated, "\(diagnostics)")
        let interpreter = Interpreter(
            flow: flow,
            services: FlowServices(records: store, clock: ManualClock(Date(timeIntervalSince1970: 0)), console: CapturedOutput()))
        var interview = try await interpreter.start()
        #expect(interview.status.prompt?.elementName == "Confirm")
        await interpreter.resume(&interview, answers: [:])
        guard case .finished = interview.status else {
            Issue.record("expected the interview to finish, it is \(interview.status)")
            return
        }
        let contacts = try await store.query(RecordQuery(object: "Contact", sort: RecordSort(field: "Name", ascending: true)))
        // Before the screen: "Committed" created and Ada moved to Paris. After it, all undone:
        // Ada is back (deleted, then re-created with her Id), Kenji's email restored, "Undone" gone.
        #expect(contacts.map { $0["Name"] } == ["Ada", "Committed", "Kenji"])
        #expect(contacts.first { $0.id == contactID(1) }?["City"] == "Paris")
        #expect(contacts.first { $0.id == contactID(2) }?["Email"] == "kenji@example.com")
    }
}
