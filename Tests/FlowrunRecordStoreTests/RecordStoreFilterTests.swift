import FlowrunCore
import Foundation
import Testing

/// One row of the filter table: a query's filters and logic, and the Contacts it must find.
struct FilterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var filters: [RecordFilter]
    var logic: ConditionLogic? = nil
    var expected: [Int]

    var testDescription: String { name }
}

private func filter(_ field: String, _ op: FilterOperator, _ value: FlowValue) -> RecordFilter {
    RecordFilter(field: field, op: op, value: value)
}

private func day(_ year: Int, _ month: Int, _ day: Int) -> FlowValue {
    .date(LocalDate(year: year, month: month, day: day))
}

/// Known answers over `seedContacts`, the reference semantics of `RecordFilter.matches(_:)`.
let filterCases: [FilterCase] = [
    // Equality, ignoring case.
    FilterCase(name: "EqualTo text ignores case", filters: [filter("Name", .equalTo, "ada LOVELACE")], expected: [1]),
    FilterCase(name: "EqualTo finds both spellings", filters: [filter("City", .equalTo, "LONDON")], expected: [1, 3]),
    FilterCase(
        name: "NotEqualTo keeps null fields", filters: [filter("City", .notEqualTo, "london")], expected: [2, 4, 5]),
    FilterCase(name: "field names ignore case", filters: [filter("nAmE", .equalTo, "Grace Hopper")], expected: [2]),
    FilterCase(name: "Unicode case folding", filters: [filter("Name", .equalTo, "ZOË ÜNAL")], expected: [5]),
    // Null.
    FilterCase(
        name: "EqualTo null finds null and empty text", filters: [filter("Phone", .equalTo, .null)], expected: [2, 3]),
    FilterCase(name: "EqualTo empty text is EqualTo null", filters: [filter("Phone", .equalTo, "")], expected: [2, 3]),
    FilterCase(name: "NotEqualTo null", filters: [filter("Phone", .notEqualTo, .null)], expected: [1, 4, 5]),
    FilterCase(name: "IsNull true", filters: [filter("Phone", .isNull, true)], expected: [2, 3]),
    FilterCase(name: "IsNull false", filters: [filter("Phone", .isNull, false)], expected: [1, 4, 5]),
    FilterCase(name: "IsNull on a missing field", filters: [filter("Age", .isNull, true)], expected: [4]),
    FilterCase(name: "IsNull with text true", filters: [filter("Phone", .isNull, "true")], expected: [2, 3]),
    FilterCase(
        name: "IsNull with a non-Boolean matches nothing", filters: [filter("Phone", .isNull, "maybe")], expected: []),
    FilterCase(
        name: "unknown field EqualTo null", filters: [filter("Nickname__c", .equalTo, .null)],
        expected: [1, 2, 3, 4, 5]),
    FilterCase(name: "unknown field EqualTo text", filters: [filter("Nickname__c", .equalTo, "x")], expected: []),
    // Numbers, by value.
    FilterCase(name: "GreaterThan number", filters: [filter("Age", .greaterThan, 40)], expected: [2, 3]),
    FilterCase(name: "LessThan is numeric, not textual", filters: [filter("Age", .lessThan, 36)], expected: [5]),
    FilterCase(
        name: "GreaterThanOrEqualTo number", filters: [filter("Age", .greaterThanOrEqualTo, 36)], expected: [1, 2, 3]),
    FilterCase(
        name: "LessThanOrEqualTo exact decimal",
        filters: [filter("Score", .lessThanOrEqualTo, .number(Decimal(string: "0.1") ?? 0))], expected: [1, 3]),
    FilterCase(
        name: "EqualTo 36.0 equals 36", filters: [filter("Age", .equalTo, .number(Decimal(string: "36.0") ?? 0))],
        expected: [1]),
    FilterCase(name: "EqualTo number written as text", filters: [filter("Score", .equalTo, "0.1")], expected: [1]),
    FilterCase(name: "EqualTo integer written as text", filters: [filter("Age", .equalTo, "41")], expected: [3]),
    FilterCase(
        name: "GreaterThan number with non-numeric text", filters: [filter("Age", .greaterThan, "abc")], expected: []),
    FilterCase(name: "text field against a number", filters: [filter("Phone", .equalTo, 5)], expected: []),
    // Text ordering, ignoring case.
    FilterCase(name: "GreaterThan text ignores case", filters: [filter("Name", .greaterThan, "h")], expected: [4, 5]),
    FilterCase(name: "LessThan text ignores case", filters: [filter("Name", .lessThan, "B")], expected: [1, 3]),
    // Text patterns.
    FilterCase(name: "StartsWith ignores case", filters: [filter("Name", .startsWith, "AL")], expected: [3]),
    FilterCase(
        name: "EndsWith ignores case", filters: [filter("Email", .endsWith, "EXAMPLE.COM")], expected: [1, 2, 3]),
    FilterCase(
        name: "EndsWith longer than the field", filters: [filter("City", .endsWith, "greater london")], expected: []),
    FilterCase(name: "Contains", filters: [filter("City", .contains, "ON")], expected: [1, 3]),
    FilterCase(name: "Contains non-ASCII ignores case", filters: [filter("Name", .contains, "ÜNAL")], expected: [5]),
    FilterCase(
        name: "StartsWith empty matches all text", filters: [filter("City", .startsWith, "")], expected: [1, 2, 3, 4]),
    FilterCase(name: "Contains percent is no wildcard", filters: [filter("Name", .contains, "%")], expected: []),
    FilterCase(name: "Contains underscore is no wildcard", filters: [filter("Name", .contains, "_")], expected: []),
    FilterCase(name: "Contains on a number field", filters: [filter("Age", .contains, "4")], expected: []),
    // In and NotIn.
    FilterCase(
        name: "In text ignores case", filters: [filter("City", .in, .collection(["LONDON", "new york"]))],
        expected: [1, 2, 3]),
    FilterCase(
        name: "NotIn keeps null fields", filters: [filter("City", .notIn, .collection(["london"]))],
        expected: [2, 4, 5]),
    FilterCase(name: "In numbers", filters: [filter("Age", .in, .collection([36, 85]))], expected: [1, 2]),
    FilterCase(
        name: "In with null", filters: [filter("Phone", .in, .collection([.null, "+15555550177"]))],
        expected: [2, 3, 4]),
    FilterCase(name: "In empty list", filters: [filter("City", .in, .collection([]))], expected: []),
    FilterCase(
        name: "NotIn empty list", filters: [filter("City", .notIn, .collection([]))], expected: [1, 2, 3, 4, 5]),
    FilterCase(name: "In a single value", filters: [filter("Age", .in, 9)], expected: [5]),
    // Booleans.
    FilterCase(name: "EqualTo true", filters: [filter("Active", .equalTo, true)], expected: [1, 3]),
    FilterCase(name: "EqualTo false", filters: [filter("Active", .equalTo, false)], expected: [2, 5]),
    FilterCase(
        name: "NotEqualTo true keeps missing", filters: [filter("Active", .notEqualTo, true)], expected: [2, 4, 5]),
    FilterCase(
        name: "EqualTo Boolean written as text", filters: [filter("Active", .equalTo, "TRUE")], expected: [1, 3]),
    // Dates, date-times, times.
    FilterCase(name: "GreaterThan date", filters: [filter("Born", .greaterThan, day(1900, 1, 1))], expected: [2, 3]),
    FilterCase(name: "EqualTo date written as text", filters: [filter("Born", .equalTo, "1815-12-10")], expected: [1]),
    FilterCase(
        name: "DateTime against a Date is the start of its day",
        filters: [filter("LastLogin", .greaterThanOrEqualTo, day(2024, 5, 1))], expected: [1, 4]),
    FilterCase(
        name: "EqualTo DateTime at midnight and a Date", filters: [filter("LastLogin", .equalTo, day(2024, 5, 1))],
        expected: [4]),
    FilterCase(
        name: "LessThan DateTime",
        filters: [filter("LastLogin", .lessThan, .dateTime(instant("2024-05-01T00:00:00Z")))], expected: [2]),
    FilterCase(
        name: "EqualTo DateTime written as text with an offset",
        filters: [filter("LastLogin", .equalTo, "2024-05-01T11:30:00+02:00")], expected: [1]),
    FilterCase(name: "LessThan time written as text", filters: [filter("Shift", .lessThan, "12:00")], expected: [1]),
    // Logic.
    FilterCase(
        name: "default logic is AND", filters: [filter("City", .equalTo, "london"), filter("Active", .equalTo, true)],
        expected: [1, 3]),
    FilterCase(
        name: "custom logic 1 AND (2 OR 3)",
        filters: [
            filter("City", .equalTo, "london"), filter("Age", .greaterThan, 40), filter("Name", .startsWith, "ada"),
        ],
        logic: .and([.condition(1), .or([.condition(2), .condition(3)])]), expected: [1, 3]),
    FilterCase(
        name: "any of", filters: [filter("City", .equalTo, "london"), filter("Phone", .equalTo, .null)],
        logic: .any(2), expected: [1, 2, 3]),
    FilterCase(
        name: "1 AND NOT 2", filters: [filter("City", .equalTo, "london"), filter("Age", .greaterThan, 40)],
        logic: .and([.condition(1), .not(.condition(2))]), expected: [1]),
    FilterCase(
        name: "NOT keeps records whose field is null", filters: [filter("Age", .greaterThan, 40)],
        logic: .not(.condition(1)), expected: [1, 4, 5]),
    // Id is a column in SQLite, a field in memory: same answers.
    FilterCase(name: "EqualTo on Id", filters: [filter("id", .equalTo, .string(contactID(2)))], expected: [2]),
    FilterCase(
        name: "In on Id", filters: [filter("Id", .in, .collection([.string(contactID(4)), "nope"]))], expected: [4]),
    FilterCase(name: "StartsWith on Id", filters: [filter("Id", .startsWith, "003")], expected: [1, 2, 3, 4, 5]),
    // Hostile input is data, never SQL.
    FilterCase(name: "SQL in a field name", filters: [filter("Name') OR 1=1 --", .equalTo, "x")], expected: []),
    FilterCase(
        name: "quote in a field name", filters: [filter("Na\"me", .notEqualTo, "x")], expected: [1, 2, 3, 4, 5]),
    FilterCase(name: "SQL in a value", filters: [filter("Name", .equalTo, "' OR 1=1 --")], expected: []),
]

@Suite("RecordStore filters: one table of answers, every store", .temporaryPostgresSchemas)
struct RecordStoreFilterTests {
    @Test(arguments: StoreKind.allCases, filterCases)
    func filterCase(store kind: StoreKind, _ testCase: FilterCase) async throws {
        let store = try await kind.makeStore(seedContacts)
        let query = RecordQuery(object: "Contact", filters: testCase.filters, logic: testCase.logic)
        #expect(numbers(try await store.query(query)) == testCase.expected)
    }

    @Test("the reference semantics give the table's answers", arguments: filterCases)
    func referenceSemantics(_ testCase: FilterCase) {
        let query = RecordQuery(object: "Contact", filters: testCase.filters, logic: testCase.logic)
        #expect(numbers(seedContacts.filter(query.matchesFilters)) == testCase.expected)
    }

    @Test(arguments: StoreKind.allCases)
    func logicNamingAMissingConditionIsAnError(store kind: StoreKind) async throws {
        let store = try await kind.makeStore(seedContacts)
        let query = RecordQuery(
            object: "Contact", filters: [filter("Age", .equalTo, 9)], logic: .and([.condition(1), .condition(3)]))
        let error = await #expect(throws: RecordStoreError.self) { try await store.query(query) }
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("condition 3") == true)
    }
}
