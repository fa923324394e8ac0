import FlowrunCore
import Foundation
import Testing

/// The compiled formulas (`Formula.compiled`). Their known answers are checked by every formula
/// test, whose helpers (`evaluateBothWays`) evaluate both ways; these add the cases particular to
/// compiling, and a differential check over the fuzzer's seed corpus.
@Suite("Formula compiler")
struct FormulaCompilerTests {
    @Test func aConstantThatFailsStillFailsOnlyWhenEvaluated() throws {
        // `1/0` has no references, but is not folded into a value: its error comes when, and only
        // when, evaluation reaches it, at its operator.
        #expect(try evaluateFormula("IF(Flag, 1 / 0, 2)", ["Flag": false]) == 2)
        #expect(formulaError("IF(Flag, 1 / 0, 2)", ["Flag": true]) == FormulaError("Division by zero", line: 1, column: 12))
        #expect(try evaluateFormula("MONTH(ADDMONTHS(DATE(2024, 1, 31), MOD(I, 12)))", ["I": 1]) == 2)
    }

    @Test func caseComparesEachValueInTurn() throws {
        #expect(try evaluateFormula("CASE(N, 1, 'one', 2, 'two', 'many')", ["N": 2]) == "two")
        #expect(try evaluateFormula("CASE(N, 1, 'one', 2, 'two', 'many')", ["N": 7]) == "many")
        #expect(
            formulaError("CASE(N, 1, 'one', 'x', 'two', 'many')", ["N": 7])
                == FormulaError(
                    "Incorrect parameter type for operator '='. Cannot compare Number with Text", line: 1, column: 19))
    }

    @Test func priorValueFunctionsReadThePriorRecordFirst() throws {
        let prior = FlowValue.record(FlowRecord(objectType: "Account", fields: ["Status": "Open"]))
        let current = FlowValue.record(FlowRecord(objectType: "Account", fields: ["Status": "Closed"]))
        #expect(try evaluateFormula("ISCHANGED({!$Record.Status})", ["$Record": current, "$Record__Prior": prior]) == true)
        #expect(try evaluateFormula("PRIORVALUE({!$Record.Status})", ["$Record": current, "$Record__Prior": prior]) == "Open")
        #expect(try evaluateFormula("ISNEW()", ["$Record": current, "$Record__Prior": .null]) == true)
        #expect(
            formulaError("ISCHANGED(Amount)", ["$Record__Prior": prior])
                == FormulaError("ISCHANGED takes a field of $Record, such as {!$Record.Status}", line: 1, column: 11))
        // Without a prior record to read, that read fails first.
        #expect(formulaError("ISCHANGED(Amount)")?.message == "Unknown reference '$Record__Prior'")
    }

    /// A differential check, beside the known-answer tests: every formula of the fuzzer's seed
    /// corpus (`Fuzz/seeds/formula`, formulas from real flows and the fuzzer's finds) evaluated by
    /// the tree-walker and by its compiled program, against environments that give its references
    /// values of every kind in turn, must give the same value or the same error. It checks the
    /// two evaluators against each other only; the answers themselves are checked elsewhere.
    @Test func compiledAndTreeWalkingEvaluationAgreeOnTheSeedCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/seeds/formula")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count >= 100)
        var evaluated = 0
        var succeeded = 0
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            guard let formula = try? Formula.parse(text) else { continue }
            let program = formula.compiled(for: DictionaryFormulaEnvironment.self)
            for shift in Self.kinds.indices {
                var values = Self.base
                for (index, reference) in formula.references.enumerated() {
                    values[reference.parts.joined(separator: ".")] = Self.kinds[(index + shift) % Self.kinds.count]
                }
                values["$Record__Prior"] = shift.isMultiple(of: 2) ? .null : Self.kinds[shift]
                let environment = DictionaryFormulaEnvironment(values, now: formulaTestNow)
                let walked = Result { () throws(FormulaError) in try formula.evaluate(in: environment) }
                let compiled = Result { () throws(FormulaError) in try program.evaluate(in: environment) }
                #expect(compiled == walked, "\(file.lastPathComponent): \(text)")
                evaluated += 1
                if case .success = walked { succeeded += 1 }
            }
        }
        // Most seeds parse, and a good share evaluate to a value, so the check is not all errors.
        #expect(evaluated >= 100 * Self.kinds.count)
        #expect(succeeded >= evaluated / 4)
    }

    /// Values of every kind, given in turn to each reference a seed names.
    static let kinds: [FlowValue] = [
        .number(Decimal(string: "1500.25") ?? 0), "Ada Lovelace", .null, true, .date(LocalDate(year: 2024, month: 2, day: 29)),
        .dateTime(Date(timeIntervalSince1970: 1_714_555_800)), 0, "", false, .time(TimeOfDay(hour: 9, minute: 30)),
        .record(FlowRecord(objectType: "Account", fields: ["Name": "Acme", "AnnualRevenue": 1_000_000, "Status": "Open"])),
        .collection(["a", "b", "c"]), 3,
    ]

    /// The fuzzer's environment (`Fuzz/FormulaFuzzer`), under the references a seed names.
    static let base: [String: FlowValue] = [
        "Amount": .number(Decimal(string: "1500.25") ?? 0), "Count": 3, "Name": "Ada Lovelace", "Empty": "", "Flag": true,
        "Nothing": .null, "Due": .date(LocalDate(year: 2024, month: 2, day: 29)),
        "$Record": .record(FlowRecord(objectType: "Account", fields: ["Name": "Acme", "Status": "Closed"])),
    ]
}
