import FlowrunCore
import Foundation
import Testing

@Suite("Formula math functions")
struct FormulaMathFunctionTests {
    static let cases: [(String, FlowValue)] = [
        ("ROUND(1.5, 0)", number("2")),
        ("ROUND(-1.5, 0)", number("-2")),  // half away from zero
        ("ROUND(1.2345, 0)", number("1")),
        ("ROUND(225.49823, 2)", number("225.5")),
        ("ROUND(1234.5678, -2)", number("1200")),
        ("ROUND(1250, -2)", number("1300")),
        ("ROUND(-0.125, 2)", number("-0.13")),
        ("ABS(-7.25)", number("7.25")),
        ("ABS(3)", number("3")),
        ("MAX(1, 7, 3)", number("7")),
        ("MIN(1, -7, 3)", number("-7")),
        ("MAX(4)", number("4")),
        ("MAX(DATE(2024,1,1), DATE(2024,6,1))", date(2024, 6, 1)),
        ("MAX(1, NULL)", .null),
        ("MOD(3, 3)", number("0")),
        ("MOD(4, 3)", number("1")),
        ("MOD(123, 100)", number("23")),
        ("MOD(-5, 3)", number("-2")),  // the remainder takes the dividend's sign
        ("MOD(5, -3)", number("2")),
        ("MOD(7.5, 2)", number("1.5")),
        ("CEILING(2.5)", number("3")),
        ("CEILING(-2.5)", number("-3")),  // away from zero
        ("FLOOR(2.5)", number("2")),
        ("FLOOR(-2.5)", number("-2")),  // toward zero
        ("MCEILING(-2.5)", number("-2")),
        ("MFLOOR(-2.5)", number("-3")),
        ("MCEILING(2.1)", number("3")),
        ("MFLOOR(2.9)", number("2")),
        ("TRUNC(12.34567, 3)", number("12.345")),
        ("TRUNC(-12.34567, 1)", number("-12.3")),
        ("TRUNC(8.9)", number("8")),
        ("TRUNC(1234.5, -2)", number("1200")),
        ("SQRT(25)", number("5")),
        ("SQRT(2.25)", number("1.5")),
        ("EXP(0)", number("1")),
        ("EXP(1)", number("2.718281828459045")),
        ("LN(1)", number("0")),
        ("LOG(100)", number("2")),
        ("LOG(1000)", number("3")),
        ("ROUND(NULL, 2)", .null),
        ("ABS(NULL)", .null),
    ]

    @Test(arguments: Self.cases)
    func math(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test func sqrtOfTwoIsPrecise() throws {
        let value = try evaluateFormula("ROUND(SQRT(2), 15)")
        #expect(value == number("1.414213562373095"))
    }

    @Test func domainErrors() {
        #expect(formulaError("SQRT(-1)")?.column == 6)
        #expect(formulaError("LN(0)") != nil)
        #expect(formulaError("LOG(-10)") != nil)
        #expect(formulaError("MAX(1, 'a')")?.message == "Incorrect parameter type for function 'MAX()'. Expected Number, received Text")
    }
}
