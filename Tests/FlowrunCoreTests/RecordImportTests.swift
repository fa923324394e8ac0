import FlowrunCore
import Foundation
import Testing

/// `RecordImport` against files shaped as `sf data export tree` and Data Loader write them
/// (`Fixtures/sfdx/data`), with known answers.
@Suite struct RecordImportTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sfdx").path
    static func data(_ name: String) -> String { (project as NSString).appendingPathComponent("data/\(name)") }

    /// Reads, prepares and writes `files` into `store`, as `flowrun data import` does.
    static func load(_ files: [String], into store: some RecordStore, typing: ImportTyping = ImportTyping()) async throws {
        var records: [ImportRecord] = []
        for file in files { records += try RecordImport.read(path: data(file), typing: typing) }
        try await RecordImport.write(try RecordImport.prepare(records), into: store)
    }

    static func all(_ object: String, in store: some RecordStore) async throws -> [FlowRecord] {
        try await store.query(RecordQuery(object: object, sort: RecordSort(field: "LastName", ascending: true)))
    }

    @Test func aPlanResolvesEachReferenceToTheIdTheStoreGave() async throws {
        let store = InMemoryRecordStore()
        try await Self.load(["Account-Contact-plan.json"], into: store)
        let accounts = try await store.query(RecordQuery(object: "Account", sort: RecordSort(field: "Name", ascending: false)))
        #expect(accounts.map { $0["Name"] } == ["Wheelworks", "Northern Trail Cycling"])
        let wheelworks = try #require(accounts.first?.id)
        let northern = try #require(accounts.last?.id)
        #expect(wheelworks == "001000000000001AAA")
        #expect(northern == "001000000000002AAA")

        let contacts = try await Self.all("Contact", in: store)
        #expect(contacts.map { $0["LastName"] } == ["Babbage", "Hopper", "Lovelace"])
        #expect(contacts.map { $0["AccountId"] } == [.string(wheelworks), .string(northern), .string(wheelworks)])
        // Ada names Charles, who comes after her in the file: he is written first.
        let babbage = try #require(contacts.first?.id)
        #expect(babbage == "003000000000003AAA")
        #expect(contacts[2]["ReportsToId"] == .string(babbage))
        #expect(contacts[2].id == "003000000000004AAA")
        // JSON types: dates written as text become Dates; text that is not a reference stays text.
        #expect(contacts[2]["Birthdate"] == .date(LocalDate(year: 1815, month: 12, day: 10)))
        #expect(contacts[2]["Twitter__c"] == "@ada")
        #expect(contacts[1]["HasOptedOutOfEmail"] == true)
        #expect(accounts[0]["BillingPostalCode"] == "02478")
        #expect(accounts[0]["NumberOfEmployees"] == 120)
        #expect(accounts[1]["AnnualRevenue"] == .number(Decimal(string: "1250000.5") ?? 0))
    }

    @Test func nestedChildrenGetTheirParentsId() async throws {
        let store = InMemoryRecordStore()
        try await Self.load(["Account-Contact.json"], into: store)
        let accounts = try await store.query(RecordQuery(object: "Account"))
        #expect(accounts.map { $0["Name"] } == ["Trailblazers", "No Contacts Inc"])
        let contacts = try await Self.all("Contact", in: store)
        #expect(contacts.map { $0["LastName"] } == ["Jackson", "Johnson"])
        #expect(contacts.map { $0["AccountId"] } == [.string("001000000000001AAA"), .string("001000000000001AAA")])
        #expect(contacts[1]["Title"] == "Navigator")
    }

    @Test func aDataLoaderCSVIsTypedByTheFormOfEachCell() async throws {
        let records = try RecordImport.read(path: Self.data("Contact.csv"), typing: ImportTyping())
        #expect(records.map(\.origin.place) == ["line 2", "line 3", "line 5"])
        let ada = records[0].record
        let grace = records[1].record
        let alan = records[2].record
        #expect(ada.objectType == "Contact")
        #expect(ada.id == "003000000000001AAA")
        #expect(ada["Description"] == "Mathematician, writer")
        #expect(ada["Birthdate"] == .date(LocalDate(year: 1815, month: 12, day: 10)))
        #expect(ada["HasOptedOutOfEmail"] == false)
        #expect(ada["LastCURequestDate"] == .dateTime(Date(timeIntervalSince1970: 1_714_555_800)))
        #expect(ada["Score__c"] == 3)
        #expect(ada["MailingPostalCode"] == "01742")  // a leading zero keeps it text
        #expect(ada["Phone"] == .null && !ada.hasField("Phone"))  // blank cell: null
        #expect(grace["Email"] == .null && !grace.hasField("Email"))
        #expect(grace["HasOptedOutOfEmail"] == true)
        #expect(grace["Description"] == "Wrote \"the first compiler\"\r\nand found a moth")
        #expect(grace["LastCURequestDate"] == .dateTime(Date(timeIntervalSince1970: 1_714_555_800)))  // 11:30+0200
        #expect(grace["Score__c"] == .number(Decimal(string: "12.5") ?? 0))
        #expect(grace["MailingPostalCode"] == 94105)
        #expect(alan["Score__c"] == .number(Decimal(string: "-0.5") ?? 0))
        #expect(alan["LastCURequestDate"] == "2024-05-01 09:30:00")  // not Salesforce's form: text
        #expect(alan["Phone"] == "+44 20 7946 0000")
        #expect(alan["Description"] == .null)
    }

    @Test func aReferenceToNoRecordFailsTheWholePlanBeforeAnythingIsWritten() async throws {
        let store = InMemoryRecordStore()
        try await Self.load(["Account-Contact.json"], into: store)
        let before = store.recordCount(object: "Account") + store.recordCount(object: "Contact")
        let error = await #expect(throws: RecordImportError.self) {
            try await Self.load(["broken/Account-Contact-plan.json"], into: store)
        }
        #expect(
            error?.description
                == "\(Self.data("broken/Contacts.json")), record 2 (ContactRef2), field AccountId: refers to @AccountRef9, but no record of the import has referenceId AccountRef9"
        )
        #expect(store.recordCount(object: "Account") + store.recordCount(object: "Contact") == before)
        #expect(before == 4)
    }

    @Test func aRecordTheStoreRefusesMidwayLeavesNothingOfTheImport() async throws {
        let store = InMemoryRecordStore()
        _ = try await store.create(FlowRecord(objectType: "Account", fields: ["Name": "Already there"]))
        let error = await #expect(throws: RecordImportError.self) {
            try await Self.load(["broken/Accounts-bad-id.json"], into: store)
        }
        #expect(error?.place == "record 3 (AccountRef3)")
        #expect(error?.message == "the record store refused it: a record's Id must be text, got a Number")
        #expect(try await store.query(RecordQuery(object: "Account")).map { $0["Name"] } == ["Already there"])
    }

    @Test func anIdAlreadyInTheStoreIsRefusedBeforeWriting() async throws {
        let store = InMemoryRecordStore()
        _ = try await store.create(FlowRecord(objectType: "Contact", fields: ["Id": "003000000000002AAA", "LastName": "Existing"]))
        let error = await #expect(throws: RecordImportError.self) {
            try await Self.load(["Contact.csv"], into: store)
        }
        #expect(
            error?.description
                == "\(Self.data("Contact.csv")), line 3, field Id: Id 003000000000002AAA is already a Contact record in the database")
        #expect(store.recordCount(object: "Contact") == 1)
    }

    @Test func metadataTypesCSVCellsAndRefusesWhatSalesforceWould() async throws {
        let typing = ImportTyping(metadata: ObjectMetadata.load(projectRoot: Self.project))
        let records = try RecordImport.read(path: Self.data("Property__c.csv"), typing: typing)
        let victorian = records[0].record
        #expect(victorian["Zip__c"] == "01742")
        #expect(records[1].record["Zip__c"] == "02420")
        #expect(victorian["Price__c"] == 975000)
        #expect(victorian["Date_Listed__c"] == .date(LocalDate(year: 2024, month: 5, day: 1)))
        #expect(victorian["Featured__c"] == true)
        #expect(records[1].record["Featured__c"] == false)  // "0" in a Checkbox
        #expect(victorian["Listed_At__c"] == .dateTime(Date(timeIntervalSince1970: 1_714_555_800)))
        #expect(victorian["Tags__c"] == "victorian")

        let error = #expect(throws: RecordImportError.self) {
            try RecordImport.read(path: Self.data("broken/Property__c.csv"), typing: typing)
        }
        #expect(
            error?.description
                == "\(Self.data("broken/Property__c.csv")), line 3, field Status__c: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Property__c.Status__c: bad value for restricted picklist field: a Text value that is not one of Available, Under Agreement, Closed"
        )
    }

    @Test func exportedTreeFilesAndPlanImportAgainToTheSameFiles() async throws {
        let store = InMemoryRecordStore()
        try await Self.load(["Account-Contact-plan.json"], into: store)
        let first = try await Self.exportTree(store)
        #expect(first.map(\.name) == ["Accounts.json", "Contacts.json", "Account-Contact-plan.json"])
        #expect(
            first[2].text == """
                [
                    {
                        "sobject": "Account",
                        "saveRefs": true,
                        "resolveRefs": false,
                        "files": ["Accounts.json"]
                    },
                    {
                        "sobject": "Contact",
                        "saveRefs": false,
                        "resolveRefs": true,
                        "files": ["Contacts.json"]
                    }
                ]

                """)
        #expect(first[1].text.contains(#""AccountId": "@AccountRef1""#))
        #expect(first[1].text.contains(#""Birthdate": "1815-12-10""#))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in first { try file.text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8) }
        let again = InMemoryRecordStore()
        let records = try RecordImport.read(path: folder.appendingPathComponent(first[2].name).path, typing: ImportTyping())
        try await RecordImport.write(try RecordImport.prepare(records), into: again)
        #expect(try await Self.exportTree(again) == first)
    }

    @Test func exportedCSVImportsAgainWithTheSameIds() async throws {
        let store = InMemoryRecordStore()
        try await Self.load(["Contact.csv"], into: store)
        let files = RecordExport.csv([RecordExport.Object(name: "Contact", records: try await store.query(RecordQuery(object: "Contact")))])
        #expect(
            files.first?.text == """
                Id,Birthdate,Description,Email,FirstName,HasOptedOutOfEmail,LastCURequestDate,LastName,MailingPostalCode,Phone,Score__c
                003000000000001AAA,1815-12-10,"Mathematician, writer",ada@example.com,Ada,false,2024-05-01T09:30:00.000Z,Lovelace,01742,,3
                003000000000002AAA,1906-12-09,"Wrote ""the first compiler""\r
                and found a moth",,Grace,true,2024-05-01T09:30:00.000Z,Hopper,94105,,12.5
                003000000000003AAA,1912-06-23,,alan@example.com,Alan,false,2024-05-01 09:30:00,Turing,,+44 20 7946 0000,-0.5

                """)
        let rows = try RecordImport.csvRecords(
            Data((files.first?.text ?? "").utf8), file: "Contact.csv", object: "Contact", typing: ImportTyping())
        #expect(rows.map(\.record) == (try await store.query(RecordQuery(object: "Contact"))))
    }

    static func exportTree(_ store: InMemoryRecordStore) async throws -> [RecordExport.File] {
        var objects: [RecordExport.Object] = []
        for name in ["Account", "Contact"] {
            objects.append(RecordExport.Object(name: name, records: try await store.query(RecordQuery(object: name))))
        }
        return RecordExport.tree(objects)
    }
}
