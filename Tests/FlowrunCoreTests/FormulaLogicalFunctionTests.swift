import FlowrunCore
import Foundation
import Testing

@Suite("Formula logical functions")
struct FormulaLogicalFunctionTests {
    static let cases: [(String, FlowValue)] = [
        ("IF(1 > 0, 'yes', 'no')", FlowValue.string("yes")),
        ("IF(NULL, 'yes', 'no')", "no"),
        ("IF(FALSE, 1/0, 2)", 2),  // only the chosen branch is evaluated
        ("CASE(3, 1, 'January', 2, 'February', 3, 'March', 'None')", "March"),
        ("CASE(13, 1, 'January', 2, 'February', 'None')", "None"),
        ("CASE('b', 'a', 1, 'b', 2, 0)", 2),
        ("CASE('B', 'a', 1, 'b', 2, 0)", 0),
        ("AND(TRUE, 1 < 2, 'a' = 'a')", true),
        ("AND(TRUE, FALSE)", false),
        ("AND(FALSE, 1/0 = 1)", false),
        ("OR(FALSE, FALSE)", false),
        ("OR(FALSE, TRUE, 1/0 = 1)", true),
        ("NOT(TRUE)", false),
        ("NOT(1 > 2)", true),
        ("NOT(NULL)", .null),
        ("ISBLANK('')", true),
        ("ISBLANK(NULL)", true),
        ("ISBLANK(' ')", false),
        ("ISBLANK(0)", false),
        ("ISNULL(NULL)", true),
        ("ISNULL('')", false),
        ("BLANKVALUE(NULL, 0)", 0),
        ("BLANKVALUE('', 'default')", "default"),
        ("BLANKVALUE('set', 'default')", "set"),
        ("NULLVALUE(NULL, 5)", 5),
        ("NULLVALUE('', 'x')", ""),
        ("NULLVALUE(3, 5)", 3),
        ("ISNUMBER('12')", true),
        ("ISNUMBER('-3.5')", true),
        ("ISNUMBER('12a')", false),
        ("ISNUMBER('')", false),
        ("ISPICKVAL('Closed Won', 'Closed Won')", true),
        ("ISPICKVAL('Closed Won', 'closed won')", false),
        ("INCLUDES('Red;Green;Blue', 'Green')", true),
        ("INCLUDES('Red;Green;Blue', 'Gre')", false),
        ("INCLUDES(NULL, 'Green')", false),
    ]

    @Test(arguments: Self.cases)
    func logical(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test func blankReferencesInLogicalFunctions() throws {
        let values: [String: FlowValue] = ["Phone": .null, "Stage": "Prospecting"]
        #expect(try evaluateFormula("IF(ISBLANK(Phone), 'no phone', Phone)", values) == "no phone")
        #expect(try evaluateFormula("ISPICKVAL(Stage, 'Prospecting')", values) == .boolean(true))
        #expect(try evaluateFormula("BLANKVALUE(Phone, 'n/a')", values) == "n/a")
    }
}
