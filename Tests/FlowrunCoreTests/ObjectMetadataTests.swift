import FlowrunCore
import Foundation
import Testing

/// Object metadata read from an SFDX project (`Fixtures/sfdx`), and what it makes flowrun refuse.
@Suite struct ObjectMetadataTests {
    static let metadata = ObjectMetadata.load(projectRoot: RecordImportTests.project)

    @Test func fieldFilesAreReadIntoTheModel() throws {
        let metadata = Self.metadata
        #expect(metadata.problems == [])
        #expect(metadata.objects.keys.sorted() == ["account", "broker__c", "property__c"])
        let property = try #require(metadata.object(named: "property__C"))
        #expect(property.name == "Property__c")
        #expect(property.label == "Property")
        #expect(property.hasObjectFile)
        #expect(
            property.fields.values.map(\.name).sorted() == [
                "Broker__c", "Date_Listed__c", "Days_On_Market__c", "Featured__c", "Listed_At__c", "Name", "Price__c",
                "Status__c", "Tags__c", "Zip__c",
            ])
        let status = try #require(property.field(named: "Status__c"))
        #expect(status.type == .picklist)
        #expect(status.label == "Status")
        #expect(status.picklist == PicklistValues(values: ["Available", "Under Agreement", "Closed"], isRestricted: true))
        let price = try #require(property.field(named: "Price__c"))
        #expect(price.type == .currency && price.precision == 8 && price.scale == 0)
        #expect(property.field(named: "Tags__c")?.length == 20)
        #expect(property.field(named: "Name")?.type == .text && property.field(named: "Name")?.length == 80)
        #expect(property.field(named: "Zip__c")?.isExternalId == true)
        #expect(property.field(named: "Date_Listed__c")?.defaultValue == "TODAY() - 10")
        #expect(property.field(named: "Days_On_Market__c")?.formula == "TODAY() - Date_Listed__c")
        let broker = try #require(property.field(named: "Broker__c"))
        #expect(broker.type == .lookup && broker.referenceTo == ["Broker__c"] && broker.relationshipName == "Properties")
        // A picklist on a global value set takes its values from globalValueSets/, and is restricted.
        #expect(
            metadata.object(named: "Account")?.field(named: "Tier__c")?.picklist
                == PicklistValues(values: ["Gold", "Silver"], isRestricted: true, globalValueSet: "Tiers"))
        #expect(metadata.object(named: "Account")?.hasObjectFile == false)
    }

    @Test func theProjectIsFoundAboveAFileInIt() {
        let file = (RecordImportTests.project as NSString).appendingPathComponent("data/Contact.csv")
        #expect(SFDXProject.root(near: file) == URL(fileURLWithPath: RecordImportTests.project).standardizedFileURL.path)
        #expect(ObjectMetadata.discovered(near: file).object(named: "Property__c") != nil)
        // This repository is no SFDX project, and the search stops at its .git.
        #expect(SFDXProject.root(near: #filePath) == nil)
    }

    @Test func whatTheProjectCannotTellIsNotJudged() throws {
        let property = try #require(Self.metadata.object(named: "Property__c"))
        let account = try #require(Self.metadata.object(named: "Account"))
        #expect(property.declares("status__c") == true)
        #expect(property.declares("OwnerId") == true)  // every custom object has it
        #expect(property.declares("Statuss__c") == false)
        #expect(property.declares("acme__Score__c") == nil)  // may come from an installed package
        #expect(account.declares("Industry") == nil)  // standard fields are not in source unless customised
        #expect(account.declares("Ranking__c") == false)
    }

    @Test func anUnreadableMetadataFileIsAWarningAndTheRestIsRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-metadata-\(UUID().uuidString)")
        let fields = root.appendingPathComponent("force-app/main/default/objects/Invoice__c/fields")
        try FileManager.default.createDirectory(at: fields, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "<CustomField><fullName>Total__c</fullName><type>Currency</type>\n<precision>10</precision>\n"
            .write(to: fields.appendingPathComponent("Total__c.field-meta.xml"), atomically: true, encoding: .utf8)
        try "<CustomField><fullName>Due__c</fullName><type>Date</type></CustomField>"
            .write(to: fields.appendingPathComponent("Due__c.field-meta.xml"), atomically: true, encoding: .utf8)
        let metadata = ObjectMetadata.load(projectRoot: root.path)
        #expect(metadata.object(named: "Invoice__c")?.fields.values.map(\.name) == ["Due__c"])
        #expect(metadata.problems.map(\.id) == ["metadata.unreadable"])
        #expect(metadata.problems.first?.severity == .warning)
        #expect(metadata.problems.first?.location.file.hasSuffix("Invoice__c/fields/Total__c.field-meta.xml") == true)
    }

    static let refusals: [(field: String, value: FlowValue, message: String)] = [
        (
            "Date_Listed__c", "next week",
            "INVALID_TYPE_ON_FIELD_IN_RECORD: Property__c.Date_Listed__c: value not of required type Date: got a Text value, not a date like 2024-05-01"
        ),
        (
            "Price__c", .boolean(true),
            "INVALID_TYPE_ON_FIELD_IN_RECORD: Property__c.Price__c: value not of required type Currency: got a Boolean value, not a number"
        ),
        (
            "Status__c", "Sold",
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Property__c.Status__c: bad value for restricted picklist field: a Text value that is not one of Available, Under Agreement, Closed"
        ),
        ("Tags__c", "victorian, garden, pool", "STRING_TOO_LONG: Property__c.Tags__c: data value too large: 23 characters (max length=20)"),
        (
            "Price__c", 123_456_789,
            "NUMBER_OUTSIDE_VALID_RANGE: Property__c.Price__c: value outside of valid range on numeric field: 9 digits before the decimal point (at most 8)"
        ),
        (
            "Broker__c", "Caroline",
            "MALFORMED_ID: Property__c.Broker__c: id value of incorrect type: a Text value that is not a 15- or 18-character Id"
        ),
        (
            "Broker__c", "001000000000001AAA",
            "FIELD_INTEGRITY_EXCEPTION: Property__c.Broker__c: id value of incorrect type: an Id of Account, but the field refers to Broker__c"
        ),
    ]

    @Test(arguments: refusals)
    func aValueSalesforceRefusesIsRefusedWithItsMessage(field: String, value: FlowValue, message: String) {
        let error = #expect(throws: RecordStoreError.self) {
            try Self.metadata.check(object: "Property__c", fields: ["Name": "Victorian", field: value])
        }
        #expect(error?.message == message)
        #expect(error?.code == .invalidValue)
    }

    @Test func valuesOfTheRightTypeAndUndeclaredFieldsPass() throws {
        try Self.metadata.check(
            object: "property__c",
            fields: [
                "Status__c": "Closed", "Price__c": 12_345_678, "Date_Listed__c": "2024-05-01", "Featured__c": false,
                "Tags__c": "twenty characters ok", "Broker__c": "a01000000000001AAA", "Listed_At__c": .dateTime(Date()),
                "Unknown__c": .collection([]), "Zip__c": .null,
            ])
        try Self.metadata.check(object: "Opportunity", fields: ["StageName": .collection([])])
        // Salesforce counts UTF-16 units: 10 emoji are 20, the most Tags__c holds.
        try Self.metadata.check(object: "Property__c", fields: ["Tags__c": .string(String(repeating: "🏠", count: 10))])
        #expect(throws: RecordStoreError.self) {
            try Self.metadata.check(object: "Property__c", fields: ["Tags__c": .string(String(repeating: "🏠", count: 11))])
        }
    }

    @Test func theMessageNeverHoldsTheValue() {
        let secret = "s3cr3t-token-that-is-far-too-long"
        let error = #expect(throws: RecordStoreError.self) {
            try Self.metadata.check(object: "Property__c", fields: ["Tags__c": .string(secret)])
        }
        #expect(error?.message.contains(secret) == false)
    }

    static func flow(_ body: String) throws -> (ValidatedFlow?, [Diagnostic]) {
        let xml = "<?xml version=\"1.0\"?>\n<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\(body)\n</Flow>\n"
        let (parsed, parseDiagnostics) = FlowParser.parse(Array(xml.utf8), path: "inline.xml")
        let flow = try #require(parsed, "\(parseDiagnostics)")
        return Validator(plugins: .testPlugins, metadata: metadata).validate(flow)
    }

    static let createProperty = """
        <recordCreates><name>New_Property</name><label>New Property</label>
          <connector><targetReference>Done</targetReference></connector>
          <faultConnector><targetReference>Failed</targetReference></faultConnector>
          <inputAssignments><field>Name</field><value><stringValue>Modern Loft</stringValue></value></inputAssignments>
          <inputAssignments><field>Status__c</field><value><elementReference>Status</elementReference></value></inputAssignments>
          <object>Property__c</object>
        </recordCreates>
        <assignments><name>Done</name><label>Done</label><assignmentItems><assignToReference>Result</assignToReference><operator>Assign</operator><value><stringValue>created</stringValue></value></assignmentItems></assignments>
        <assignments><name>Failed</name><label>Failed</label><assignmentItems><assignToReference>Result</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems></assignments>
        <start><connector><targetReference>New_Property</targetReference></connector></start>
        <variables><name>Status</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
        <variables><name>Result</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput></variables>
        """

    @Test func aFlowWritingAValueTheFieldRefusesTakesItsFaultPath() async throws {
        let validated = try #require(try Self.flow(Self.createProperty).0)
        let store = InMemoryRecordStore()
        let refused = InterpreterTests.outputs(
            try await InterpreterTests.interpreter(validated, records: store).start(inputs: ["Status": "Sold"]))
        #expect(
            refused["Result"]
                == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Property__c.Status__c: bad value for restricted picklist field: a Text value that is not one of Available, Under Agreement, Closed"
        )
        #expect(store.recordCount(object: "Property__c") == 0)
        let accepted = InterpreterTests.outputs(
            try await InterpreterTests.interpreter(validated, records: store).start(inputs: ["Status": "Available"]))
        #expect(accepted["Result"] == "created")
        #expect(store.recordCount(object: "Property__c") == 1)
    }

    @Test func anUpdateByFiltersIsCheckedToo() async throws {
        let (validated, _) = try Self.flow(
            """
            <recordUpdates><name>Retag</name><label>Retag</label>
              <filters><field>Name</field><operator>EqualTo</operator><value><stringValue>Victorian</stringValue></value></filters>
              <inputAssignments><field>Tags__c</field><value><stringValue>far too many tags for this field</stringValue></value></inputAssignments>
              <object>Property__c</object>
            </recordUpdates>
            <start><connector><targetReference>Retag</targetReference></connector></start>
            """)
        let flow = try #require(validated)
        let store = InMemoryRecordStore()
        _ = try await store.create(FlowRecord(objectType: "Property__c", fields: ["Name": "Victorian", "Tags__c": "old"]))
        let interview = try await InterpreterTests.interpreter(flow, records: store).start()
        guard case .failed(let error) = interview.status else {
            Issue.record("expected the update to fail, got \(interview.status)")
            return
        }
        #expect(error.message == "STRING_TOO_LONG: Property__c.Tags__c: data value too large: 32 characters (max length=20)")
        #expect(try await store.query(RecordQuery(object: "Property__c")).first?["Tags__c"] == "old")
    }

    @Test func checkWarnsAboutFieldsTheMetadataDoesNotDeclare() throws {
        let (validated, diagnostics) = try Self.flow(
            """
            <recordCreates><name>New_Property</name><label>New Property</label>
              <inputAssignments><field>Name</field><value><stringValue>Loft</stringValue></value></inputAssignments>
              <inputAssignments><field>Pirce__c</field><value><numberValue>5</numberValue></value></inputAssignments>
              <inputAssignments><field>OwnerId</field><value><stringValue>005000000000001AAA</stringValue></value></inputAssignments>
              <object>Property__c</object>
            </recordCreates>
            <recordLookups><name>Gold_Accounts</name><label>Gold Accounts</label>
              <filters><field>Industry</field><operator>EqualTo</operator><value><stringValue>Energy</stringValue></value></filters>
              <filters><field>Ranking__c</field><operator>EqualTo</operator><value><stringValue>Gold</stringValue></value></filters>
              <getFirstRecordOnly>false</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically>
            </recordLookups>
            <start><connector><targetReference>New_Property</targetReference></connector></start>
            """)
        #expect(validated != nil)  // warnings only
        let warnings = diagnostics.filter { $0.id == "validate.unknownField" }
        #expect(
            warnings.map { "\($0.location.line):\($0.location.column) \($0.severity) \($0.message)" } == [
                "5:28 warning Property__c has no field 'Pirce__c' in the project's metadata; did you mean 'Price__c'?",
                "11:19 warning Account has no field 'Ranking__c' in the project's metadata",
            ])
    }
}
