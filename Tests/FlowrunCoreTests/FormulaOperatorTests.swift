import FlowrunCore
import Foundation
import Testing

@Suite("Formula operators")
struct FormulaOperatorTests {
    static let orderingCases: [(String, Bool)] = [
        ("1 < 2", true), ("2 <= 2", true), ("3 > 2", true), ("2 >= 3", false),
        ("'apple' < 'banana'", true),
        ("DATE(2024,1,1) < DATE(2024,1,2)", true),
        ("TIMEVALUE('09:00:00') > TIMEVALUE('08:59:59')", true),
    ]

    static let equalityCases: [(String, Bool)] = [
        ("'abc' = 'ABC'", false),  // text comparison is case-sensitive
        ("'abc' == 'abc'", true),
        ("NULL = ''", true),  // a blank field equals empty text
        ("NULL = NULL", true),
        ("NULL = 0", false),
        ("1 = 1.00", true),
        ("1 <> 2", true),
        ("1 != 1", false),
        ("TRUE = TRUE", true),
        ("DATE(2024,5,1) = DATEVALUE('2024-05-01')", true),
        ("DATE(2024,5,1) = DATETIMEVALUE('2024-05-01 00:00:00')", true),
    ]

    @Test func decimalArithmeticIsExact() throws {
        #expect(try evaluateFormula("0.1 + 0.2") == number("0.3"))
        #expect(try evaluateFormula("0.1 + 0.2 = 0.3") == .boolean(true))
        #expect(try evaluateFormula("10 / 4") == number("2.5"))
        #expect(try evaluateFormula("1.1 * 3") == number("3.3"))
    }

    @Test(
        "a blank operand makes arithmetic blank",
        arguments: ["1 + NULL", "NULL - 1", "2 * Missing", "Missing / 0", "-Missing", "Missing ^ 2", "TODAY() + Missing"])
    func nullArithmetic(source: String) throws {
        #expect(try evaluateFormula(source, ["Missing": .null]) == .null)
    }

    @Test func textConcatenation() throws {
        #expect(try evaluateFormula("'Hello, ' & Name & '!'", ["Name": "Ada"]) == "Hello, Ada!")
        #expect(try evaluateFormula("'a' & NULL & 'b'") == "ab")
        #expect(try evaluateFormula("'a' + 'b'") == "ab")
        #expect(try evaluateFormula("'a' + Missing", ["Missing": .null]) == "a")
        #expect(try evaluateFormula("NULL & NULL") == "")
    }

    @Test("equality", arguments: Self.equalityCases)
    func equality(source: String, expected: Bool) throws {
        #expect(try evaluateFormula(source) == .boolean(expected))
    }

    @Test("ordering", arguments: Self.orderingCases)
    func ordering(source: String, expected: Bool) throws {
        #expect(try evaluateFormula(source) == .boolean(expected))
    }

    @Test func orderingWithABlankIsBlankAndConditionsReadItAsFalse() throws {
        #expect(try evaluateFormula("Missing > 5", ["Missing": .null]) == .null)
        #expect(try evaluateFormula("IF(Missing > 5, 'big', 'not big')", ["Missing": .null]) == "not big")
    }

    @Test func logicalOperatorsShortCircuit() throws {
        // The right side would fail (division by zero) if it were evaluated.
        #expect(try evaluateFormula("FALSE && 1/0 = 1") == .boolean(false))
        #expect(try evaluateFormula("TRUE || 1/0 = 1") == .boolean(true))
        #expect(try evaluateFormula("!TRUE") == .boolean(false))
        #expect(try evaluateFormula("NULL && TRUE") == .boolean(false))
    }

    @Test func dateArithmetic() throws {
        #expect(try evaluateFormula("DATE(2024,2,28) + 1") == date(2024, 2, 29))
        #expect(try evaluateFormula("1 + DATE(2024,12,31)") == date(2025, 1, 1))
        #expect(try evaluateFormula("DATE(2024,3,1) - 1") == date(2024, 2, 29))
        #expect(try evaluateFormula("DATE(2024,3,1) - DATE(2024,2,1)") == number("29"))
        #expect(try evaluateFormula("DATE(2024,1,1) - DATE(2024,1,31)") == number("-30"))
        #expect(try evaluateFormula("TODAY() + 7") == date(2024, 5, 8))
    }

    @Test func dateTimeArithmeticUsesFractionalDays() throws {
        #expect(
            try evaluateFormula("TEXT(DATETIMEVALUE('2024-05-01 00:00:00') + 0.5)") == "2024-05-01 12:00:00Z")
        #expect(
            try evaluateFormula("TEXT(DATETIMEVALUE('2024-05-01 00:00:00') + 1/24)") == "2024-05-01 01:00:00Z")
        #expect(
            try evaluateFormula("TEXT(DATETIMEVALUE('2024-05-01 00:00:00') - 1.5)") == "2024-04-29 12:00:00Z")
        #expect(
            try evaluateFormula("DATETIMEVALUE('2024-05-02 06:00:00') - DATETIMEVALUE('2024-05-01 00:00:00')")
                == number("1.25"))
        #expect(try evaluateFormula("NOW() - DATETIMEVALUE('2024-05-01 09:30:00')") == number("0"))
    }

    /// Found by the formula fuzzer (`scripts/fuzz formula`, 4.2 million runs in): a date-time moved
    /// by trillions of days, then subtracted from another, trapped converting the milliseconds
    /// between them to an Int. A date-time is kept within about 8,000 years of 1970, as a date is.
    @Test func dateTimeArithmeticOutOfRangeIsAnErrorNotATrap() throws {
        let when: [String: FlowValue] = ["When": .dateTime(formulaTestNow)]
        let error = formulaError("When-1-4*2222222222220--1-When", when)
        #expect(error?.message == "A date-time moved by -8888888888880 days is out of range")
        #expect(error?.column == 7)
        #expect(formulaError("When + 2000000 + 2000000", when)?.message == "A date-time moved by 2000000 days is out of range")
        #expect(
            try evaluateFormula("TEXT(DATETIMEVALUE('2024-05-01 00:00:00') + 2900000)") == "9964-04-06 00:00:00Z")
    }

    @Test func timeArithmeticUsesMilliseconds() throws {
        #expect(
            try evaluateFormula("TIMEVALUE('17:30:45.125') + 1000") == .time(TimeOfDay(hour: 17, minute: 30, second: 46, millisecond: 125)))
        #expect(
            try evaluateFormula("TIMEVALUE('00:00:00.000') - 1") == .time(TimeOfDay(hour: 23, minute: 59, second: 59, millisecond: 999)))
        #expect(try evaluateFormula("TIMEVALUE('10:00:01') - TIMEVALUE('10:00:00')") == number("1000"))
    }

    @Test func powers() throws {
        #expect(try evaluateFormula("2 ^ 10") == number("1024"))
        #expect(try evaluateFormula("1.5 ^ 2") == number("2.25"))
        #expect(try evaluateFormula("4 ^ 0.5") == number("2"))
        #expect(formulaError("0 ^ -1")?.message == "Division by zero")
    }
}
