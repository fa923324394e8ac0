import FlowrunCore
import Foundation
import Testing

/// 2024-05-01T09:30:00Z, the fixed clock of every formula test.
let formulaTestNow = Date(timeIntervalSince1970: 1_714_555_800)

/// Parses and evaluates `source` against `values` (keyed by reference text), both ways (see `evaluateBothWays`).
func evaluateFormula(_ source: String, _ values: [String: FlowValue] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws -> FlowValue
{
    let environment = DictionaryFormulaEnvironment(values, now: formulaTestNow)
    return try evaluateBothWays(Formula.parse(source), in: environment, sourceLocation: sourceLocation)
}

/// Evaluates `formula` with the tree-walker (`Formula.evaluate`) and with its compiled program
/// (`Formula.compiled`), and records a failure unless the two give the same value, or the same
/// error (message, line and column). Callers compare the result with a known answer, so every
/// such answer checks both evaluators.
func evaluateBothWays<Environment: FormulaEnvironment>(
    _ formula: Formula, in environment: Environment, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws(FormulaError) -> FlowValue {
    let walked = Result { () throws(FormulaError) in try formula.evaluate(in: environment) }
    let compiled = Result { () throws(FormulaError) in try formula.compiled(for: Environment.self).evaluate(in: environment) }
    #expect(compiled == walked, "compiled and tree-walking evaluation differ for \(formula.source)", sourceLocation: sourceLocation)
    return try walked.get()
}

/// The error `source` fails with, at parse or evaluation time.
func formulaError(_ source: String, _ values: [String: FlowValue] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> FormulaError?
{
    do {
        _ = try evaluateFormula(source, values, sourceLocation: sourceLocation)
        return nil
    } catch let error as FormulaError {
        return error
    } catch {
        return nil
    }
}

/// A number value from its decimal text, so expectations read exactly as documented.
func number(_ text: String) -> FlowValue {
    .number(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan)
}

func date(_ year: Int, _ month: Int, _ day: Int) -> FlowValue {
    .date(LocalDate(year: year, month: month, day: day))
}

@Suite("Formula parsing")
struct FormulaParserTests {
    static let precedenceCases: [(String, FlowValue)] = [
        ("2 + 3 * 4 ^ 2", number("50")),
        ("(2 + 3) * 4", number("20")),
        ("10 - 4 - 3", number("3")),
        ("2 ^ 3 ^ 2", number("64")),  // left to right, as in spreadsheets
        ("-2 ^ 2", number("4")),  // unary minus binds tighter than ^
        ("2 ^ -1", number("0.5")),
        ("12 / 3 * 2", number("8")),
        ("1 + 2 = 3", .boolean(true)),
        ("\"a\" & \"b\" = \"ab\"", .boolean(true)),
        ("1 < 2 && 2 < 3 || FALSE", .boolean(true)),
        ("FALSE && TRUE || TRUE", .boolean(true)),
        ("!FALSE && TRUE", .boolean(true)),
        ("- - 3", number("3")),
        ("+3", number("3")),
    ]

    static let literals: [(String, FlowValue)] = [
        ("3", number("3")),
        ("3.14", number("3.14")),
        (".5", number("0.5")),
        ("\"double\"", FlowValue.string("double")),
        ("'single'", .string("single")),
        (#""say \"hi\"""#, .string("say \"hi\"")),
        (#"'it\'s'"#, .string("it's")),
        (#""back\\slash""#, .string("back\\slash")),
        (#""line\nbreak""#, .string("line\nbreak")),
        ("TRUE", .boolean(true)),
        ("false", .boolean(false)),
        ("True", .boolean(true)),
        ("NULL", .null),
        ("$GlobalConstant.EmptyString", .string("")),
        ("$GlobalConstant.True", .boolean(true)),
    ]

    @Test("literals", arguments: Self.literals)
    func literal(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test("operator precedence", arguments: Self.precedenceCases)
    func precedence(source: String, expected: FlowValue) throws {
        #expect(try evaluateFormula(source) == expected)
    }

    @Test func commentsAndLineBreaksAreIgnored() throws {
        let source = """
            /* Discount tier */
            IF(Amount > 100, /* big */ 0.1,
               0)
            """
        #expect(try evaluateFormula(source, ["Amount": 150]) == number("0.1"))
    }

    @Test func functionNamesIgnoreCase() throws {
        #expect(try evaluateFormula("len('abc') + Len('d') + LEN('')") == number("4"))
    }

    @Test func referencesAreListedInSourceOrderOnce() throws {
        let formula = try Formula.parse(
            "IF({!Amount} > 0, Get_User.MobilePhone & $User.Id, TEXT($Flow.CurrentDate) & $GlobalConstant.EmptyString)"
                + " & TEXT(Amount) & {!$Record.Owner.Email}")
        #expect(
            formula.references.map(\.description) == [
                "Amount", "Get_User.MobilePhone", "$User.Id", "$Flow.CurrentDate", "$Record.Owner.Email",
            ])
        #expect(formula.references[1].parts == ["Get_User", "MobilePhone"])
    }

    @Test func customFieldSuffixesArePartOfNames() throws {
        let formula = try Formula.parse("Account__r.Region__c & Score__c")
        #expect(formula.references.map(\.description) == ["Account__r.Region__c", "Score__c"])
    }

    @Test func referencesResolveThroughRecords() throws {
        let user = FlowValue.record(FlowRecord(objectType: "User", fields: ["MobilePhone": "555-0100"]))
        #expect(try evaluateFormula("Get_User.MobilePhone", ["Get_User": user]) == "555-0100")
        #expect(try evaluateFormula("{!Get_User.mobilephone}", ["Get_User": user]) == "555-0100")
    }

    @Test func boundReferencesReadTheirSlots() throws {
        struct SlotEnvironment: FormulaEnvironment {
            var slots: [FlowValue]
            var now: Date { formulaTestNow }
            func value(of reference: ReferencePath, slot: Int?) throws(FormulaError) -> FlowValue {
                guard let slot else { throw .unplaced("'\(reference)' is not bound") }
                return slots[slot]
            }
        }
        let parsed = try Formula.parse("A + B * {!A}")
        let bound = parsed.binding { ["A": 0, "B": 1][$0.description] }
        #expect(try evaluateBothWays(bound, in: SlotEnvironment(slots: [2, 10])) == number("22"))
        #expect(bound.references == parsed.references)
        #expect(bound.source == parsed.source)

        let partly = parsed.binding { $0.description == "A" ? 0 : nil }
        #expect(throws: FormulaError("'B' is not bound", line: 1, column: 5)) {
            try evaluateBothWays(partly, in: SlotEnvironment(slots: [2]))
        }
    }

    @Test func inferredTypes() throws {
        let types: [String: FlowDataType] = [
            "Amount": .currency, "Name": .string, "Close": .date, "Stamp": .dateTime, "Flag": .boolean,
        ]
        func infer(_ source: String) throws -> FlowDataType? {
            try Formula.parse(source).inferredType { types[$0.description] }
        }
        #expect(try infer("Amount * 2") == .currency)
        #expect(try infer("1 + 2") == .number)
        #expect(try infer("Name & 'x'") == .string)
        #expect(try infer("Close + 7") == .date)
        #expect(try infer("Close - Close") == .number)
        #expect(try infer("Stamp + 1") == .dateTime)
        #expect(try infer("IF(Flag, 'a', 'b')") == .string)
        #expect(try infer("CASE(Name, 'a', 1, 2)") == .number)
        #expect(try infer("BLANKVALUE(Close, TODAY())") == .date)
        #expect(try infer("Amount > 5") == .boolean)
        #expect(try infer("LEN(Name)") == .number)
        #expect(try infer("Unknown") == nil)
        #expect(try infer("Unknown + 1") == nil)  // could be a Date plus days
        #expect(try infer("NOW()") == .dateTime)
        #expect(try infer("TIMEVALUE('10:00:00')") == .time)
    }
}

@Suite("Formula errors")
struct FormulaErrorTests {
    @Test func unclosedCallPointsAtTheEnd() {
        let error = formulaError("IF(true, 1")
        #expect(error?.line == 1)
        #expect(error?.column == 11)
        #expect(error?.message == "Syntax error: expected ',' or ')', found the end of the formula")
    }

    @Test func wrongArityPointsAtTheFunctionName() {
        #expect(
            formulaError("1 + LEN()")
                == FormulaError(
                    "Incorrect number of parameters for function 'LEN()'. Expected 1, received 0", line: 1, column: 5))
        #expect(formulaError("IF(TRUE, 1)")?.message == "Incorrect number of parameters for function 'IF()'. Expected 3, received 2")
        #expect(formulaError("MID('abc', 1)")?.column == 1)
        #expect(formulaError("CASE(1, 1, 'a')")?.message.contains("CASE()") == true)
        #expect(formulaError("CASE(1, 1, 'a', 2, 'b')")?.message.contains("even number") == true)
        #expect(formulaError("AND()")?.message == "Incorrect number of parameters for function 'AND()'. Expected 1 or more, received 0")
        #expect(formulaError("TODAY(1)") != nil)
    }

    @Test func unknownFunctionSuggestsTheClosestName() {
        let error = formulaError("  SUBSTITUT('a', 'b', 'c')")
        #expect(error == FormulaError("Unknown function SUBSTITUT. Did you mean SUBSTITUTE?", line: 1, column: 3))
        #expect(formulaError("lenn('a')")?.message == "Unknown function lenn. Did you mean LEN?")
        #expect(formulaError("FROBNICATE(1)")?.message == "Unknown function FROBNICATE. Check spelling.")
    }

    @Test func unsupportedFunctionsSaySo() {
        #expect(formulaError("IMAGE(Url, Name)")?.message == "The function IMAGE is not supported in flow formulas")
    }

    @Test(
        "syntax errors say where",
        arguments: [
            ("", 1, 1),
            ("1 +", 1, 4),
            ("(1 + 2", 1, 7),
            ("1 + 2)", 1, 6),
            ("'abc", 1, 1),
            ("1 +\n  \"open", 2, 3),
            ("/* never closed", 1, 1),
            ("{!Amount", 1, 1),
            ("1 # 2", 1, 3),
            ("a | b", 1, 3),
            ("'bad \\q escape'", 1, 6),
            ("IF(TRUE,, 2)", 1, 9),
            ("12abc", 1, 3),
        ])
    func syntaxError(source: String, line: Int, column: Int) {
        let error = formulaError(source)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test func runtimeTypeErrorPointsAtTheArgument() {
        #expect(
            formulaError("1 +\n  LEN(5)")
                == FormulaError(
                    "Incorrect parameter type for function 'LEN()'. Expected Text, received Number", line: 2, column: 7))
    }

    @Test func divisionByZeroPointsAtTheOperator() {
        #expect(formulaError("10 / (2 - 2)") == FormulaError("Division by zero", line: 1, column: 4))
        #expect(formulaError("MOD(5, 0)")?.message == "Division by zero")
    }

    @Test func unknownReferencePointsAtTheReference() {
        #expect(formulaError("1 + Amount") == FormulaError("Unknown reference 'Amount'", line: 1, column: 5))
        let record = FlowValue.record(FlowRecord(fields: ["Name": "Acme"]))
        #expect(formulaError("Acct.Nmae", ["Acct": record])?.message == "'Acct.Nmae': the record has no field 'Nmae'")
    }

    @Test func mismatchedOperandsAreErrors() {
        #expect(formulaError("1 = 'a'")?.message.contains("Cannot compare Number with Text") == true)
        #expect(formulaError("'Total: ' & 5")?.message.contains("use TEXT()") == true)
        #expect(formulaError("TRUE + 1")?.column == 6)
        #expect(formulaError("IF(5, 1, 2)") == FormulaError("Expected a Boolean (true or false), received Number", line: 1, column: 4))
    }

    @Test func errorDescriptionIsTheMessage() {
        #expect(FormulaError("Division by zero", line: 1, column: 3).description == "Division by zero")
    }
}
