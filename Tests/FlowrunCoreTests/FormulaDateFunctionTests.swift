import FlowrunCore
import Foundation
import Testing

@Suite("Formula date and time functions")
struct FormulaDateFunctionTests {
    static let cases: [(String, FlowValue)] = [
        ("DATE(2024, 2, 29)", date(2024, 2, 29)),
        ("DATEVALUE('2005-11-15')", date(2005, 11, 15)),
        ("DATEVALUE('2005-11-15 17:00:00')", date(2005, 11, 15)),
        ("DATEVALUE(DATETIMEVALUE('2024-05-01 23:59:59'))", date(2024, 5, 1)),
        ("YEAR(DATE(2024, 5, 1))", number("2024")),
        ("MONTH(DATE(2024, 5, 1))", number("5")),
        ("DAY(DATE(2024, 5, 1))", number("1")),
        ("WEEKDAY(DATE(2024, 5, 5))", number("1")),  // a Sunday
        ("WEEKDAY(DATE(2024, 5, 4))", number("7")),  // a Saturday
        ("WEEKDAY(DATE(1970, 1, 1))", number("5")),  // a Thursday
        ("ADDMONTHS(DATE(2017, 9, 20), 5)", date(2018, 2, 20)),
        ("ADDMONTHS(DATE(2017, 9, 30), 5)", date(2018, 2, 28)),  // last day maps to last day
        ("ADDMONTHS(DATE(2024, 1, 31), 1)", date(2024, 2, 29)),
        ("ADDMONTHS(DATE(2024, 2, 29), 1)", date(2024, 3, 31)),
        ("ADDMONTHS(DATE(2024, 1, 30), 1)", date(2024, 2, 29)),
        ("ADDMONTHS(DATE(2024, 3, 15), -3)", date(2023, 12, 15)),
        ("ADDMONTHS(DATE(2024, 1, 15), 24)", date(2026, 1, 15)),
        ("DAYOFYEAR(DATE(2024, 1, 1))", number("1")),
        ("DAYOFYEAR(DATE(2024, 12, 31))", number("366")),
        ("ISOWEEK(DATE(2021, 1, 1))", number("53")),
        ("ISOYEAR(DATE(2021, 1, 1))", number("2020")),
        ("ISOWEEK(DATE(2024, 12, 30))", number("1")),
        ("ISOYEAR(DATE(2024, 12, 30))", number("2025")),
        ("ISOWEEK(DATE(2024, 5, 1))", number("18")),
        ("HOUR(TIMEVALUE('17:30:45.125'))", number("17")),
        ("MINUTE(TIMEVALUE('17:30:45.125'))", number("30")),
        ("SECOND(TIMEVALUE('17:30:45.125'))", number("45")),
        ("MILLISECOND(TIMEVALUE('17:30:45.125'))", number("125")),
        ("HOUR(TIMEVALUE(DATETIMEVALUE('2024-05-01 08:15:00')))", number("8")),
        ("UNIXTIMESTAMP(DATE(1970, 1, 2))", number("86400")),
        ("UNIXTIMESTAMP(DATETIMEVALUE('2024-05-01 09:30:00'))", number("1714555800")),
        ("TEXT(FROMUNIXTIME(1714555800))", "2024-05-01 09:30:00Z"),
        ("TEXT(DATETIMEVALUE(DATE(2024, 5, 1)))", "2024-05-01 00:00:00Z"),
        ("TODAY()", date(2024, 5, 1)),
        ("TEXT(NOW())", "2024-05-01 09:30:00Z"),
        ("TIMENOW()", .time(TimeOfDay(hour: 9, minute: 30))),
        ("YEAR(NULL)", .null),
        ("ADDMONTHS(NULL, 1)", .null),
        ("DATEVALUE('')", .null),
    ]

    @Test(arguments: Self.cases)
    func dates(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test func addMonthsKeepsTheTimeOfADateTime() throws {
        #expect(
            try evaluateFormula("TEXT(ADDMONTHS(DATETIMEVALUE('2024-01-31 10:15:00'), 1))") == "2024-02-29 10:15:00Z")
    }

    @Test func flowDateReferences() throws {
        let values: [String: FlowValue] = ["$Flow.CurrentDate": date(2024, 5, 1), "Close": date(2024, 5, 31)]
        #expect(try evaluateFormula("Close - {!$Flow.CurrentDate}", values) == number("30"))
    }

    @Test func impossibleDatesAreErrors() {
        #expect(formulaError("DATE(2023, 2, 29)") == FormulaError("DATE(2023, 2, 29) is not a valid date", line: 1, column: 1))
        #expect(formulaError("DATEVALUE('May 1')")?.column == 11)
        #expect(formulaError("TIMEVALUE('25:00')") != nil)
        #expect(formulaError("YEAR('2024')")?.message == "Incorrect parameter type for function 'YEAR()'. Expected Date, received Text")
    }
}
