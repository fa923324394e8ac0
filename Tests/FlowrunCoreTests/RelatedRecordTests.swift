import FlowrunCore
import Foundation
import Testing

/// Cross-object references, as Salesforce resolves them: a relationship name reaches the parent
/// record whose Id the lookup field holds (`Account` through `AccountId`, `Project__r` through
/// `Project__c`), as many levels deep as the path goes.
@Suite struct RelatedRecordTests {
    static let holdingID = "001000000000001AAA"
    static let acmeID = "001000000000002AAA"
    static let adaID = "005000000000001AAA"
    static let graceID = "005000000000002AAA"
    static let apolloID = "a01000000000001AAA"

    /// Two Accounts (Acme's parent is Acme Holdings), two Users (Ada's manager is Grace), a project.
    static func store() throws -> InMemoryRecordStore {
        try InMemoryRecordStore(records: [
            FlowRecord(objectType: "Account", fields: ["Id": .string(holdingID), "Name": "Acme Holdings"]),
            FlowRecord(
                objectType: "Account",
                fields: ["Id": .string(acmeID), "Name": "Acme", "ParentId": .string(holdingID), "OwnerId": .string(graceID)]),
            FlowRecord(objectType: "User", fields: ["Id": .string(graceID), "Email": "grace@example.com"]),
            FlowRecord(
                objectType: "User", fields: ["Id": .string(adaID), "Email": "ada@example.com", "ManagerId": .string(graceID)]),
            FlowRecord(objectType: "Project__c", fields: ["Id": .string(apolloID), "Name": "Apollo"]),
        ])
    }

    static func caseFlow(_ body: String) throws -> ValidatedFlow {
        try InterpreterTests.flow(
            """
            <apiVersion>63.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            \(body)
            <start>
              <connector><targetReference>Act</targetReference></connector>
              <object>Case</object>
              <recordTriggerType>CreateAndUpdate</recordTriggerType>
              <triggerType>RecordAfterSave</triggerType>
            </start>
            """)
    }

    static func interpreter(_ flow: ValidatedFlow, _ store: any RecordStore, user: FlowRecord? = nil) -> Interpreter {
        Interpreter(
            flow: flow,
            services: FlowServices(
                records: store, clock: ManualClock(InterpreterTests.start), random: SeededRandomSource(seed: 7), runningUser: user))
    }

    static func assign(_ target: String, _ reference: String) -> String {
        """
        <assignmentItems><assignToReference>\(target)</assignToReference><operator>Assign</operator>\
        <value><elementReference>\(reference)</elementReference></value></assignmentItems>
        """
    }

    static let readParents = try? caseFlow(
        """
        <assignments><name>Act</name><label>Act</label>
          \(assign("AccountName", "$Record.Account.Name"))
          \(assign("GrandparentName", "$Record.Account.Parent.Name"))
          \(assign("AccountOwnerEmail", "$Record.Account.Owner.Email"))
          \(assign("ProjectName", "$Record.Project__r.Name"))
          \(assign("LineText", "Line"))
          \(assign("NoteText", "Note"))
        </assignments>
        <formulas><name>Line</name><dataType>String</dataType>
          <expression>{!$Record.Account.Name} &amp; " of " &amp; {!$Record.Account.Parent.Name}</expression></formulas>
        <textTemplates><name>Note</name><text>Project {!$Record.Project__r.Name}</text></textTemplates>
        \(InterpreterTests.variable("AccountName", "String"))
        \(InterpreterTests.variable("GrandparentName", "String"))
        \(InterpreterTests.variable("AccountOwnerEmail", "String"))
        \(InterpreterTests.variable("ProjectName", "String"))
        \(InterpreterTests.variable("LineText", "String"))
        \(InterpreterTests.variable("NoteText", "String"))
        """)

    @Test func parentFieldsAreReadThroughTheirLookupFields() async throws {
        let flow = try #require(Self.readParents)
        let record = FlowRecord(fields: ["Subject": "Broken", "AccountId": .string(Self.acmeID), "Project__c": .string(Self.apolloID)])
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(TriggerEvent(record: record))
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["AccountName"] == "Acme")
        #expect(outputs["GrandparentName"] == "Acme Holdings")
        #expect(outputs["AccountOwnerEmail"] == "grace@example.com")
        #expect(outputs["ProjectName"] == "Apollo")
    }

    @Test func formulasAndTemplatesReadParentsToo() async throws {
        let flow = try #require(Self.readParents)
        let record = FlowRecord(fields: ["AccountId": .string(Self.acmeID), "Project__c": .string(Self.apolloID)])
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(TriggerEvent(record: record))
        // Formulas and templates are computed when read; the flow stores what they read as then.
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["LineText"] == "Acme of Acme Holdings")
        #expect(outputs["NoteText"] == "Project Apollo")
    }

    /// A blank lookup is a parent that is not there: reading through it directly fails as in
    /// Salesforce (help article 000212174), naming the whole path; formulas would read it as null.
    @Test func readingThroughABlankLookupFailsTheElement() async throws {
        let flow = try #require(Self.readParents)
        let store = try Self.store()
        let none = try await Self.interpreter(flow, store).trigger(TriggerEvent(record: FlowRecord(fields: ["Subject": "No account"])))
        guard case .failed(let noAccount) = none.status else {
            Issue.record("expected a failure, got \(none.status)")
            return
        }
        #expect(noAccount.message == "The flow failed to access the value for $Record.Account.Name because it hasn't been set or assigned.")
        #expect(noAccount.elementName == "Act")
        // Acme Holdings has no parent: the first level reads, the second fails.
        let top = try await Self.interpreter(flow, store).trigger(
            TriggerEvent(record: FlowRecord(fields: ["AccountId": .string(Self.holdingID)])))
        guard case .failed(let noParent) = top.status else {
            Issue.record("expected a failure, got \(top.status)")
            return
        }
        #expect(
            noParent.message
                == "The flow failed to access the value for $Record.Account.Parent.Name because it hasn't been set or assigned.")
    }

    /// A lookup that names a record the store does not have (which Salesforce's referential
    /// integrity rules out) reads as null rather than failing: flowrun cannot tell it from a
    /// record the fixture left out.
    @Test func aDanglingLookupReadsAsNull() async throws {
        let flow = try Self.caseFlow(
            """
            <assignments><name>Act</name><label>Act</label>
              \(Self.assign("AccountName", "$Record.Account.Name"))
              \(Self.assign("AccountIdRead", "$Record.Account.Id"))
            </assignments>
            \(InterpreterTests.variable("AccountName", "String"))
            \(InterpreterTests.variable("AccountIdRead", "String"))
            """)
        let dangling = try await Self.interpreter(flow, try Self.store()).trigger(
            TriggerEvent(record: FlowRecord(fields: ["AccountId": "001000000000099AAA"])))
        #expect(InterpreterTests.outputs(dangling)["AccountName"] == .null)
        #expect(InterpreterTests.outputs(dangling)["AccountIdRead"] == "001000000000099AAA")
    }

    @Test func updateRecordsOnTheParentChangesTheParent() async throws {
        let flow = try Self.caseFlow(
            """
            <recordUpdates><name>Act</name><label>Act</label>
              <inputAssignments><field>Description</field><value><stringValue>Has an open case</stringValue></value></inputAssignments>
              <inputReference>$Record.Account</inputReference>
            </recordUpdates>
            """)
        let store = try Self.store()
        let interview = try await Self.interpreter(flow, store).trigger(
            TriggerEvent(record: FlowRecord(fields: ["Subject": "Broken", "AccountId": .string(Self.acmeID)])))
        _ = InterpreterTests.outputs(interview)
        let acme = try await store.record(id: Self.acmeID)
        #expect(acme?["Description"] == "Has an open case")
        #expect(acme?["Name"] == "Acme")
        let holding = try await store.record(id: Self.holdingID)
        #expect(holding?["Description"] == .null)
        let saved = try #require(try await store.query(RecordQuery(object: "Case")).first)
        #expect(saved["Description"] == .null)
    }

    @Test func aParentChangedEarlierInTheFlowIsReadAsItIsNow() async throws {
        let flow = try Self.caseFlow(
            """
            <recordUpdates><name>Act</name><label>Act</label>
              <connector><targetReference>Read</targetReference></connector>
              <inputAssignments><field>Name</field><value><stringValue>Acme Ltd</stringValue></value></inputAssignments>
              <inputReference>$Record.Account</inputReference>
            </recordUpdates>
            <assignments><name>Read</name><label>Read</label>\(Self.assign("AccountName", "$Record.Account.Name"))</assignments>
            \(InterpreterTests.variable("AccountName", "String"))
            """)
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(
            TriggerEvent(record: FlowRecord(fields: ["AccountId": .string(Self.acmeID)])))
        #expect(InterpreterTests.outputs(interview)["AccountName"] == "Acme Ltd")
    }

    @Test func aRecordVariableAssignedTheRelationshipHoldsTheParent() async throws {
        let flow = try Self.caseFlow(
            """
            <assignments><name>Act</name><label>Act</label>\(Self.assign("ParentAccount", "$Record.Account"))</assignments>
            <variables><name>ParentAccount</name><dataType>SObject</dataType><isCollection>false</isCollection>\
            <isInput>false</isInput><isOutput>true</isOutput><objectType>Account</objectType></variables>
            """)
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(
            TriggerEvent(record: FlowRecord(fields: ["AccountId": .string(Self.acmeID)])))
        let parent = InterpreterTests.outputs(interview)["ParentAccount"]?.recordValue
        #expect(parent?.id == Self.acmeID)
        #expect(parent?["Name"] == "Acme")
        #expect(parent?.objectType == "Account")
    }

    @Test func recordVariablesAndTheRunningUserReachParentsToo() async throws {
        let flow = try InterpreterTests.flow(
            """
            <recordLookups><name>Get_Account</name><label>Get Account</label>
              <connector><targetReference>Act</targetReference></connector>
              <filterLogic>and</filterLogic>
              <filters><field>Name</field><operator>EqualTo</operator><value><stringValue>Acme</stringValue></value></filters>
              <getFirstRecordOnly>true</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically>
            </recordLookups>
            <assignments><name>Act</name><label>Act</label>
              \(Self.assign("ParentName", "Get_Account.Parent.Name"))
              \(Self.assign("ManagerEmail", "$User.Manager.Email"))
            </assignments>
            <start><connector><targetReference>Get_Account</targetReference></connector></start>
            \(InterpreterTests.variable("ParentName", "String"))
            \(InterpreterTests.variable("ManagerEmail", "String"))
            """)
        let ada = FlowRecord(objectType: "User", fields: ["Id": .string(Self.adaID), "ManagerId": .string(Self.graceID)])
        let interview = try await Self.interpreter(flow, try Self.store(), user: ada).start()
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["ParentName"] == "Acme Holdings")
        #expect(outputs["ManagerEmail"] == "grace@example.com")
    }

    @Test func aRecordThatHoldsTheRelationshipItselfKeepsIt() async throws {
        let flow = try #require(Self.readParents)
        let record = FlowRecord(fields: [
            "AccountId": .string(Self.acmeID), "Project__c": .string(Self.apolloID),
            "Account": .record(
                FlowRecord(
                    objectType: "Account",
                    fields: ["Name": "Given inline", "ParentId": .string(Self.holdingID), "OwnerId": .string(Self.graceID)])),
        ])
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(TriggerEvent(record: record))
        #expect(InterpreterTests.outputs(interview)["AccountName"] == "Given inline")
    }

    @Test func standardAndNamespacedRelationshipsFollowTheirLookupFields() async throws {
        let flow = try InterpreterTests.flow(
            """
            <apiVersion>63.0</apiVersion>
            <processType>AutoLaunchedFlow</processType>
            <assignments><name>Act</name><label>Act</label>
              \(Self.assign("WhatName", "$Record.What.Name"))
              \(Self.assign("CreatorEmail", "$Record.CreatedBy.Email"))
              \(Self.assign("SiteName", "$Record.acme__Site__r.Name"))
            </assignments>
            <start>
              <connector><targetReference>Act</targetReference></connector>
              <object>Task</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordBeforeSave</triggerType>
            </start>
            \(InterpreterTests.variable("WhatName", "String"))
            \(InterpreterTests.variable("CreatorEmail", "String"))
            \(InterpreterTests.variable("SiteName", "String"))
            """)
        let record = FlowRecord(fields: [
            "WhatId": .string(Self.acmeID), "CreatedById": .string(Self.adaID), "acme__Site__c": .string(Self.apolloID),
        ])
        let interview = try await Self.interpreter(flow, try Self.store()).trigger(TriggerEvent(record: record))
        let outputs = InterpreterTests.outputs(interview)
        #expect(outputs["WhatName"] == "Acme")
        #expect(outputs["CreatorEmail"] == "ada@example.com")
        #expect(outputs["SiteName"] == "Apollo")
    }
}
