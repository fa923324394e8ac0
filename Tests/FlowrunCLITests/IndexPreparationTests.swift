import FlowrunCore
import FlowrunSQLite
import Foundation
import Testing

/// `flowrun run` indexes every field the flow looks records up by before it runs, and `--trace`
/// says which index served each query.
@Suite struct IndexPreparationTests {
    static let folder = "Tests/FlowrunCLITests/Fixtures/lookups-indexed"

    @Test func aLookupFieldIsIndexedAndTheTraceSaysSo() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-idx-\(UUID().uuidString).sqlite").path
        let result = try CommandLineTests.flowrun([
            "run", "\(Self.folder)/Find_By_Title.flow-meta.xml", "--records", "\(Self.folder)/records.json",
            "--database", database, "--input", "Title=rear admiral", "--trace",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("UserName = Grace Hopper"))
        #expect(
            result.stderr.contains(#"query User where Title EqualTo "rear admiral" → 1 row (index idx_user_title)"#), "\(result.stderr)")
        let plan = try await SQLiteRecordStore(path: database).queryPlan(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Title", op: .equalTo, value: "Reader")]))
        #expect(plan == ["SEARCH obj_user USING INDEX idx_user_title (title#c=? AND title#k=?)"])
    }

    @Test func theValidatorListsTheFieldsQueriesFilterAndSortOn() throws {
        let (flow, diagnostics) = FlowLoader.load(
            path: Project.path("\(Self.folder)/Find_By_Title.flow-meta.xml"), plugins: PluginRegistry())
        let validated = try #require(flow, "\(diagnostics)")
        #expect(validated.queriedFields == [ObjectField(object: "User", field: "Title")])
    }
}
