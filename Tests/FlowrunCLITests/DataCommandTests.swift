import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// `flowrun data import`/`export` and the project's object metadata, through the executable,
/// against the SFDX project in `Fixtures/sfdx` (its data files are in the form export writes).
@Suite struct DataCommandTests {
    typealias CLI = CommandLineTests
    static let project = "Tests/FlowrunCLITests/Fixtures/sfdx"

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func text(_ path: String) throws -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : Project.root.appendingPathComponent(path)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func aPlanImportsWithItsReferencesResolvedAndExportsBackToTheSameFiles() async throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/records.sqlite"
        let imported = try CLI.flowrun(["data", "import", "\(Self.project)/data/Account-Contact-plan.json", "--database", database])
        #expect(imported.stderr == "")  // no progress line when standard error is a pipe
        #expect(imported.stdout == "Imported 5 records into \(database): 2 Account, 3 Contact.\n")
        #expect(imported.status == 0)

        let store = try SQLiteRecordStore(path: database)
        let accounts = try await store.query(RecordQuery(object: "Account"))
        #expect(accounts.map(\.id) == ["001000000000001AAA", "001000000000002AAA"])
        let contacts = try await store.query(RecordQuery(object: "Contact"))
        #expect(contacts.map { $0["LastName"] } == ["Babbage", "Lovelace", "Hopper"])
        #expect(contacts.map { $0["AccountId"] } == ["001000000000001AAA", "001000000000001AAA", "001000000000002AAA"])
        #expect(contacts[1]["ReportsToId"] == .string(try #require(contacts[0].id)))
        #expect(contacts[1]["Birthdate"] == .date(LocalDate(year: 1815, month: 12, day: 10)))
        #expect(accounts[0]["BillingPostalCode"] == "02478")

        let output = folder + "/export"
        let exported = try CLI.flowrun(["data", "export", "--database", database, "--output", output])
        #expect(
            exported.stdout == "Exported 5 records of 2 objects to \(output): Accounts.json, Contacts.json, Account-Contact-plan.json\n")
        #expect(exported.status == 0)
        for name in ["Accounts.json", "Contacts.json", "Account-Contact-plan.json"] {
            #expect(try Self.text("\(output)/\(name)") == Self.text("\(Self.project)/data/\(name)"), "\(name)")
        }
    }

    @Test func aDataLoaderCSVIsTypedByTheProjectsMetadata() async throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/records.sqlite"
        let imported = try CLI.flowrun(["data", "import", "\(Self.project)/data/Property__c.csv", "--database", database])
        #expect(imported.stdout == "Imported 2 records into \(database): 2 Property__c.\n")
        #expect(imported.status == 0)

        let store = try SQLiteRecordStore(path: database)
        let victorian = try #require(try await store.query(RecordQuery(object: "Property__c")).first)
        // Data Loader's upper-case headers take the metadata's spelling; "01742" in a Text field stays text.
        #expect(victorian["Zip__c"] == "01742")
        #expect(victorian.storedName(of: "zip__c") == "Zip__c")
        #expect(victorian["Price__c"] == 975000)
        #expect(victorian["Date_Listed__c"] == .date(LocalDate(year: 2024, month: 5, day: 1)))
        #expect(victorian["Featured__c"] == true)
        #expect(victorian["Description__c"] == "Bay windows, a garden\nand a \"secret\" attic")

        let output = folder + "/csv"
        let exported = try CLI.flowrun(["data", "export", "--database", database, "--output", output, "--format", "csv"])
        #expect(exported.status == 0)
        #expect(
            try Self.text(output + "/Property__c.csv") == """
                Id,Date_Listed__c,Description__c,Featured__c,Name,Price__c,Status__c,Tags__c,Zip__c
                azD000000000001EAA,2024-05-01,"Bay windows, a garden
                and a ""secret"" attic",true,Stunning Victorian,975000,Available,victorian,01742
                azD000000000002EAA,2024-04-20,,false,Modern Loft,450000,Under Agreement,,02420

                """)
    }

    @Test func aFileWithOneBadRecordLeavesTheDatabaseUnchanged() async throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/records.sqlite"
        _ = try CLI.flowrun(["data", "import", "\(Self.project)/data/Account-Contact-plan.json", "--database", database])
        let store = try SQLiteRecordStore(path: database)
        let before = try await store.recordCount()

        let file = "\(Self.project)/data/Property__c-too-long.csv"
        let result = try CLI.flowrun(["data", "import", file, "--object", "Property__c", "--database", database])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "flowrun: \(file), line 3, field Tags__c: STRING_TOO_LONG: Property__c.Tags__c: data value too large: 28 characters (max length=20); nothing was imported\n"
        )
        #expect(try await store.recordCount() == before)
        #expect(before == 5)

        // Without --object the file's name names no object.
        let unnamed = try CLI.flowrun(["data", "import", file, "--database", database])
        #expect(unnamed.status == 65)
        #expect(
            unnamed.stderr
                == "flowrun: \(file): cannot tell which object this CSV file holds from its name; give --object; nothing was imported\n")
    }

    @Test func aPostgreSQLDatabaseIsRefusedPlainly() throws {
        let result = try CLI.flowrun([
            "data", "import", "\(Self.project)/data/Property__c.csv", "--database", "postgres://u:secret@localhost/db",
        ])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --database: data import works on SQLite files; it cannot import into PostgreSQL yet\n"))
        #expect(!result.stderr.contains("secret"))
    }

    @Test func runRefusesAValueTheFieldsMetadataDoesNotAllow() throws {
        let flow = "\(Self.project)/force-app/main/default/flows/New_Property.flow-meta.xml"
        let refused = try CLI.flowrun(["run", flow, "--input", "Status=Sold", "--input", "PropertyName=Loft"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "\(flow):7:5: error: 'Create_Property' failed: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Property__c.Status__c: bad value for restricted picklist field: a Text value that is not one of Available, Under Agreement, Closed\n"
        )
        let accepted = try CLI.flowrun(["run", flow, "--input", "Status=Available", "--input", "PropertyName=Loft"])
        #expect(accepted.stdout == "Finished.\n  PropertyId = azD000000000001EAA\n")
        #expect(accepted.status == 0)
    }

    @Test func checkWarnsWhereAFlowNamesAFieldTheMetadataDoesNotHave() throws {
        let result = try CLI.flowrun(["check", "\(Self.project)/force-app/main/default/flows/Retag_Properties.flow-meta.xml"])
        #expect(result.stdout == (try Self.text("Tests/FlowrunCLITests/Fixtures/sfdx-check.txt")))
        #expect(result.status == 0)
    }

    @Test func projectPointsAFlowOutsideAProjectAtItsMetadata() throws {
        let flow = "Tests/FlowrunCLITests/Fixtures/metadata/Retag_Properties.flow-meta.xml"
        let alone = try CLI.flowrun(["check", flow])
        #expect(alone.stdout == "1 file checked: 0 errors, 0 warnings\n")
        let withProject = try CLI.flowrun(["check", flow, "--project", Self.project, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(withProject.stdout.utf8)) as? [[String: Any]]
        #expect(
            rows?.map { "\($0["line"] ?? ""):\($0["column"] ?? "") \($0["id"] ?? "")" } == [
                "17:20 validate.unknownField", "41:20 validate.unknownField",
            ])
        let notAProject = try CLI.flowrun(["check", flow, "--project", "Tests"])
        #expect(notAProject.status == 64)
        #expect(
            notAProject.stderr.hasPrefix(
                "Error: --project: 'Tests' has no sfdx-project.json and no force-app/main/default/objects folder\n"))
    }
}
