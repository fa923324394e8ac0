import Foundation
import Testing

import FlowrunCore

/// Inputs that once crashed, hung or exhausted memory (most found by the fuzzers in Fuzz/, see the
/// README's "Limits and hostile input"), each now refused with a clear, located error.
@Suite struct HostileInputTests {
    /// Parentheses nested past the limit: the recursive parse (and the release of its tree)
    /// overflowed the stack at about 20,000 levels.
    @Test func deeplyNestedParenthesesAreALocatedError() {
        let deep = String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000)
        let error = formulaError(deep)
        #expect(error?.message == "The formula nests more than 100 deep; simplify it")
        #expect(error?.line == 1)
        #expect(error?.column == 101)
        // At the limit it is still a formula.
        let limit = String(repeating: "(", count: 99) + "1" + String(repeating: ")", count: 99)
        #expect(formulaError(limit) == nil)
    }

    @Test func deeplyNestedCallsAndUnaryOperatorsAreALocatedError() {
        let calls = String(repeating: "ABS(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        #expect(formulaError(calls)?.message == "The formula nests more than 100 deep; simplify it")
        let negations = String(repeating: "-", count: 100_000) + "1"
        #expect(formulaError(negations)?.message == "The formula nests more than 100 deep; simplify it")
        #expect(formulaError(negations)?.column == 101)
    }

    /// A long chain of operators builds a tree as deep as the chain, which every walk recursed into.
    @Test func tooManyOperatorsAreALocatedError() throws {
        let chain = Array(repeating: "1", count: 100_000).joined(separator: "+")
        let error = formulaError(chain)
        #expect(error?.message == "The formula has more than 2000 operators; split it into several formulas")
        #expect(error?.column == 4_002)
        let allowed = Array(repeating: "1", count: 2_001).joined(separator: "+")
        #expect(try evaluateFormula(allowed) == 2001)
    }

    /// MID's count was added to its start without a check: `MID("abc", 2, 9223372036854775807)` trapped.
    @Test func midWithTheLargestCountTakesTheRest() throws {
        #expect(try evaluateFormula(#"MID("abcdef", 3, 9223372036854775807)"#) == "cdef")
        #expect(try evaluateFormula(#"MID("abcdef", 9223372036854775807, 9223372036854775807)"#) == "")
    }

    /// LPAD and RPAD built whatever length they were asked for: gigabytes for `LPAD("x", 1e10)`.
    @Test func paddingBeyondTheLongestTextIsAnError() throws {
        #expect(
            formulaError(#"LPAD("x", 10000000000)"#)?.message
                == "LPAD: the length 10000000000 is more than 131072 characters")
        #expect(formulaError(#"RPAD("x", 131073, "ab")"#)?.message == "RPAD: the length 131073 is more than 131072 characters")
        #expect(try evaluateFormula(#"LEN(RPAD("x", 131072, "ab"))"#) == 131_072)
    }

    /// Foundation's Decimal multiplication trapped when the operands' exponents added up below
    /// -128; a product that small now loses its digits past the 128th place, or becomes 0.
    @Test func productsTooSmallForDecimalRoundInsteadOfTrapping() throws {
        #expect(try evaluateFormula("(0.1^120) * (1/3) * 10^121") == number("3.3333333"))
        #expect(try evaluateFormula("0.000000001^20") == 0)
        let third = try evaluateFormula("ROUND((1/3)^200 * 10^96, 2)")
        #expect(third == number("3.76"), "\(third)")
        #expect(try evaluateFormula("((9^-9)^9)^9") == 0)
        // The fuzzer's input, as it found it.
        let found = "+999/--99/-9/--9" + String(repeating: "1", count: 72) + "+9^+-9^+9^+9"
        #expect(try evaluateFormula("ROUND((\(found)) * 10^73, 4)") == number("-1.2306"))
    }

    /// Condition logic nested past the limit, through a flow file: a located error, not a crash.
    @Test func deeplyNestedConditionLogicIsALocatedError() throws {
        let logic = String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000)
        let xml = """
            <?xml version="1.0"?>
            <Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <decisions><name>Pick</name><label>Pick</label>
              <rules><name>Yes</name><conditionLogic>\(logic)</conditionLogic>
                <conditions><leftValueReference>Flag</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                <label>Yes</label></rules>
            </decisions>
            <start><connector><targetReference>Pick</targetReference></connector></start>
            <variables><name>Flag</name><dataType>Boolean</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
            </Flow>
            """
        let (parsed, parseDiagnostics) = FlowParser.parse(Array(xml.utf8), path: "deep.xml")
        let flow = try #require(parsed, "\(parseDiagnostics)")
        let (validated, diagnostics) = Validator().validate(flow)
        #expect(validated == nil)
        let messages = diagnostics.map { "\($0.location.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("4: ") && $0.contains("condition logic nests more than 100 deep") }, "\(messages)")
    }
}
