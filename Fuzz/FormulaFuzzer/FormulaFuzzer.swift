import FlowrunCore
import Foundation
import FuzzerDriver

/// libFuzzer entry point: the bytes as formula text (invalid UTF-8 repaired, as a flow file's text
/// would be), parsed, typed and evaluated against a few values of every kind, by the tree-walker
/// and by the compiled program (`FormulaCompiler`). Syntax, type and evaluation errors are
/// expected; a crash, trap, hang or runaway memory is a bug, and so is any difference between the
/// two evaluators' values or errors (the fuzzer then stops on the input, as on a crash).
/// Built only by `scripts/fuzz`, with `-sanitize=fuzzer,address`.
@main
enum FormulaFuzzer {
    static func main() { runLibFuzzer(testOneInput) }

    static let testOneInput: FuzzTarget = { data, size in
        let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let formula = try? Formula.parse(text) else { return 0 }
        _ = formula.inferredType { FormulaFuzzEnvironment.types[$0.description.lowercased()] }
        let walked = Result { () throws(FormulaError) in try formula.evaluate(in: FormulaFuzzEnvironment.values) }
        let compiled = Result { () throws(FormulaError) in
            try formula.compiled(for: DictionaryFormulaEnvironment.self).evaluate(in: FormulaFuzzEnvironment.values)
        }
        if !sameOutcome(walked, compiled) {
            fatalError("the compiled formula disagrees with the tree-walker: \(walked) against \(compiled)")
        }
        return 0
    }
}

/// The same value, or the same error at the same place.
private func sameOutcome(_ a: Result<FlowValue, FormulaError>, _ b: Result<FlowValue, FormulaError>) -> Bool {
    switch (a, b) {
    // NaN is not equal to itself, so values are also compared by their text.
    case (.success(let x), .success(let y)): x == y || String(describing: x) == String(describing: y)
    case (.failure(let x), .failure(let y)): x.message == y.message && x.line == y.line && x.column == y.column
    default: false
    }
}

/// What the fuzzed formulas may read: one reference of each type, a record and a collection.
enum FormulaFuzzEnvironment {
    static let values = DictionaryFormulaEnvironment(
        [
            "Amount": .number(Decimal(string: "1500.25") ?? 0),
            "Count": 3,
            "Name": "Ada Lovelace",
            "Empty": "",
            "Flag": true,
            "Nothing": .null,
            "Due": .date(LocalDate(year: 2024, month: 2, day: 29)),
            "When": .dateTime(Date(timeIntervalSince1970: 1_714_555_800)),
            "Items": .collection(["a", "b", "c"]),
            "Account": .record(FlowRecord(objectType: "Account", fields: ["Name": "Acme", "AnnualRevenue": 1_000_000])),
            "$Flow.CurrentDate": .date(LocalDate(year: 2024, month: 5, day: 1)),
        ],
        now: Date(timeIntervalSince1970: 1_714_555_800))

    static let types: [String: FlowDataType] = [
        "amount": .number, "count": .number, "name": .string, "empty": .string, "flag": .boolean, "nothing": .string,
        "due": .date, "when": .dateTime, "$flow.currentdate": .date, "account.name": .string,
        "account.annualrevenue": .currency,
    ]
}
