import FlowrunCore
import Foundation
import Testing

@Suite("RecordFixture: the JSON fixture format")
struct RecordFixtureTests {
    @Test func parsesObjectsRecordsAndTypedValues() throws {
        let json = #"""
            { "User": [ { "Id": "005000000000001AAA", "Name": "Ada Lovelace", "MobilePhone": "+15555550100",
                          "Phone": null, "IsActive": true, "Logins": 3, "Limit": 0.1,
                          "Since": "2024-05-01", "Born": {"$date": "1815-12-10"},
                          "Seen": {"$dateTime": "2024-05-01T11:30:00+02:00"}, "Shift": {"$time": "09:30"} } ],
              "Account": [ { "Name": "Acme" }, { "Name": "Globex" } ] }
            """#
        let fixture = try RecordFixture(data: Data(json.utf8), source: "users.json")
        #expect(fixture.records.map(\.objectType) == ["Account", "Account", "User"])
        #expect(fixture.records.map { $0["Name"] } == ["Acme", "Globex", "Ada Lovelace"])
        let ada = try #require(fixture.records.last)
        #expect(ada.id == "005000000000001AAA")
        #expect(ada["Phone"] == .null && ada.hasField("Phone"))
        #expect(ada["IsActive"] == true)
        #expect(ada["Logins"] == 3)
        #expect(ada["Limit"] == .number(Decimal(string: "0.1") ?? 0))
        #expect(ada["Since"] == "2024-05-01")  // ISO text stays text
        #expect(ada["Born"] == .date(LocalDate(year: 1815, month: 12, day: 10)))
        #expect(ada["Seen"] == .dateTime(Date(timeIntervalSince1970: 1_714_555_800)))
        #expect(ada["Shift"] == .time(TimeOfDay(hour: 9, minute: 30)))
    }

    static let malformed: [(json: String, expected: [String])] = [
        (
            "{\n  \"User\": [\n    {\"Name\": \"Ada\" \"Phone\": 1}\n  ]\n}",
            ["users.json: not valid JSON at line 3, column 20; fix the syntax there"]
        ),
        (#"[{"Name": "Ada"}]"#, ["users.json", "top level must be a JSON object"]),
        (#"{"User": {"Name": "Ada"}}"#, ["\"User\"", "must be an array of records"]),
        (#"{"User": [{"Name": "Ada"}, "Grace"]}"#, ["\"User\" record 2 (index 1)", "must be a JSON object"]),
        (#"{"User": [{"Tags": ["a", "b"]}]}"#, ["\"User\" record 1", "field \"Tags\"", "arrays are not field values"]),
        (#"{"User": [{"Born": {"$date": "05/01/2024"}}]}"#, ["field \"Born\"", "$date", "05/01/2024"]),
        (#"{"User": [{"Seen": {"$dateTime": "2024-05-01"}}]}"#, ["field \"Seen\"", "2024-05-01T09:30:00Z"]),
        (#"{"User": [{"Born": {"$datetime": "2024-05-01"}}]}"#, ["unknown typed value \"$datetime\""]),
        (#"{"User": [{"Born": {"year": 1815}}]}"#, ["an object value must be one of"]),
        (#"{"User": [{"Id": 5}]}"#, ["\"User\" record 1", "\"Id\" must be text"]),
        (#"{"User": [{"Name": "a", "NAME": "b"}]}"#, ["both", "field names ignore case"]),
        (
            #"{"User": [{"Id": "005000000000001AAA"}], "Lead": [{"Id": "005000000000001AAA"}]}"#,
            ["repeats Id 005000000000001AAA"]
        ),
        (#"{"My Object": []}"#, ["\"My Object\" is not an object name"]),
    ]

    @Test(arguments: RecordFixtureTests.malformed)
    func malformedFixturesSayWhereAndWhat(_ testCase: (json: String, expected: [String])) {
        let error = #expect(throws: RecordFixtureError.self) {
            try RecordFixture(data: Data(testCase.json.utf8), source: "users.json")
        }
        let text = error.map(String.init(describing:)) ?? ""
        for part in testCase.expected {
            #expect(text.contains(part), "\(text) should contain \(part)")
        }
    }

    @Test func loadsIntoAStoreAndNamesTheRecordAStoreRefuses() async throws {
        let fixture = try RecordFixture(
            data: Data(#"{"User": [{"Id": "005000000000001AAA", "Name": "Ada"}, {"Name": "Grace"}]}"#.utf8),
            source: "users.json")
        let store = InMemoryRecordStore()
        try await fixture.load(into: store)
        #expect(store.recordCount(object: "User") == 2)
        let error = await #expect(throws: RecordFixtureError.self) { try await fixture.load(into: store) }
        #expect(error?.description.contains("users.json: \"User\" record 1 (index 0) could not be loaded") == true)
        #expect(error?.description.contains("already exists") == true)
    }

    @Test func aMissingFileSaysWhichFile() {
        let url = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).json")
        let error = #expect(throws: RecordFixtureError.self) { try RecordFixture.load(contentsOf: url) }
        #expect(error?.source == url.path)
        #expect(error?.message.contains("cannot read the file") == true)
    }

    @Test func theDemoDataLoads() async throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("flows/data/demo-records.json")
        let store = InMemoryRecordStore()
        try await RecordFixture.load(contentsOf: url).load(into: store)
        let withMobile = try await store.query(
            RecordQuery(
                object: "User", filters: [RecordFilter(field: "MobilePhone", op: .isNull, value: false)],
                fields: ["Name", "MobilePhone"], sort: RecordSort(field: "Name", ascending: true)))
        #expect(withMobile.map { $0["Name"] } == ["Ada Lovelace", "Katherine Johnson", "Mary Jackson"])
        #expect(withMobile.map { $0["MobilePhone"] } == ["+15555550100", "+15555550177", "+15555550188"])
        let ada = try await store.query(
            RecordQuery(
                object: "User", filters: [RecordFilter(field: "Username", op: .equalTo, value: "ADA@example.com")]))
        #expect(ada.first?.id == "005000000000001AAA")
        let landline = try await store.query(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: "005000000000003AAA")])
        )
        #expect(landline.first?["Phone"] == "+15555550142")
        #expect(landline.first?["MobilePhone"] == .null)
        #expect(store.recordCount(object: "Account") == 2)
        #expect(store.recordCount(object: "Contact") == 2)
    }
}
