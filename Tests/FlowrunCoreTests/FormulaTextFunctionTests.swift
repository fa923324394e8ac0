import FlowrunCore
import Foundation
import Testing

@Suite("Formula text functions")
struct FormulaTextFunctionTests {
    static let cases: [(String, FlowValue)] = [
        ("LEN('Salesforce')", number("10")),
        ("LEN(NULL)", number("0")),
        ("LEFT('Salesforce', 5)", "Sales"),
        ("LEFT('abc', 10)", "abc"),
        ("LEFT('abc', -1)", ""),
        ("RIGHT('Salesforce', 5)", "force"),
        ("MID('Hello World', 7, 5)", "World"),
        ("MID('abc', 2, 10)", "bc"),
        ("MID('abc', 5, 1)", ""),
        ("FIND('c', 'abcabc')", number("3")),
        ("FIND('c', 'abcabc', 4)", number("6")),
        ("FIND('z', 'abcabc')", number("0")),
        ("FIND('C', 'abcabc')", number("0")),
        ("FIND('', 'abc')", number("0")),
        ("FIND(' ', 'Ms. Jane Smith')", number("4")),
        ("SUBSTITUTE('Coupon Code', 'Coupon', 'Discount')", "Discount Code"),
        ("SUBSTITUTE('a-b-c', '-', '')", "abc"),
        ("SUBSTITUTE('aaa', 'a', 'aa')", "aaaaaa"),
        ("TRIM('  padded\t ')", "padded"),
        ("UPPER('mixed Case')", "MIXED CASE"),
        ("LOWER('MIXED Case')", "mixed case"),
        ("UPPER('abc', 'en_US')", "ABC"),
        ("BEGINS('Salesforce', 'Sales')", true),
        ("BEGINS('Salesforce', 'sales')", false),
        ("CONTAINS('Product A', 'A')", true),
        ("CONTAINS('Product A', 'a')", false),
        ("CONTAINS('anything', '')", true),
        ("REVERSE('abc')", "cba"),
        ("BR()", "<br>"),
        ("LPAD('my_company.com', 20, 'z')", "zzzzzzmy_company.com"),
        ("LPAD('my_company.com', 14, 'z')", "my_company.com"),
        ("LPAD('my_company.com', 15, 'z')", "zmy_company.com"),
        ("LPAD('my_company.com', 2, 'z')", "my"),
        ("LPAD('7', 3, '0')", "007"),
        ("LPAD('x', 4)", "   x"),
        ("LPAD('x', 6, 'ab')", "ababax"),
        ("RPAD('my_company.com', 20, 'z')", "my_company.comzzzzzz"),
        ("RPAD('my_company.com', 2, 'z')", "my"),
        ("REGEX('999-99-9999', '[0-9]{3}-[0-9]{2}-[0-9]{4}')", true),
        ("REGEX('999-99-99999', '[0-9]{3}-[0-9]{2}-[0-9]{4}')", false),
        ("REGEX('abc', 'b')", false),  // the whole text must match
        ("REGEX('abc', 'a|abc')", true),
        ("REGEX('94105', '\\\\d{5}')", true),
        ("HYPERLINK('https://example.com', 'Example')", "<a href=\"https://example.com\" target=\"_blank\">Example</a>"),
        ("HYPERLINK('/001', 'Account', '_self')", "<a href=\"/001\" target=\"_self\">Account</a>"),
        ("CASESAFEID('0015000000Gv7qJ')", "0015000000Gv7qJAAR"),
        ("CASESAFEID('0015000000Gv7qJAAR')", "0015000000Gv7qJAAR"),
        ("INITCAP('mary SMITH')", "Mary Smith"),
        ("INITCAP('hello-world 42nd')", "Hello-World 42nd"),
        ("HTMLENCODE('<b>Tom & Jerry</b>')", "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"),
        ("JSENCODE('it\\'s')", "it\\'s"),
        ("URLENCODE('a b&c')", "a%20b%26c"),
        ("VALUE('12.50')", number("12.5")),
        ("VALUE(' -3 ')", number("-3")),
        ("VALUE('')", .null),
        ("TEXT(1.50)", "1.5"),
        ("TEXT(-42)", "-42"),
        ("TEXT(TRUE)", "true"),
        ("TEXT(DATE(2024,5,1))", "2024-05-01"),
        ("TEXT(DATETIMEVALUE('2024-05-01 09:30:00'))", "2024-05-01 09:30:00Z"),
        ("TEXT(NULL)", ""),
        ("TEXT('Closed Won')", "Closed Won"),
    ]

    @Test(arguments: Self.cases)
    func text(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test func valueOfTextThatIsNotANumberIsAnError() {
        #expect(formulaError("VALUE('12abc')") == FormulaError("VALUE: \"12abc\" is not a number", line: 1, column: 7))
    }

    @Test func invalidRegexIsAnErrorAtThePattern() {
        #expect(formulaError("REGEX('a', '(')")?.column == 12)
    }

    @Test func textFunctionsRejectNumbers() {
        #expect(formulaError("UPPER(5)")?.message == "Incorrect parameter type for function 'UPPER()'. Expected Text, received Number")
        #expect(formulaError("LEFT('abc', 'x')")?.column == 13)
    }
}
