import FlowrunCore
import Foundation
import FuzzerDriver

/// libFuzzer entry point: the bytes as formula text (invalid UTF-8 repaired, as a flow file's text
/// would be), parsed, typed and evaluated against a few values of every kind. Syntax, type and
/// evaluation errors are expected; a crash, trap, hang or runaway memory is a bug.
/// Built only by `scripts/fuzz`, with `-sanitize=fuzzer,address`.
@main
enum FormulaFuzzer {
    static func main() { runLibFuzzer(testOneInput) }

    static let testOneInput: FuzzTarget = { data, size in
        let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let formula = try? Formula.parse(text) else { return 0 }
        _ = formula.inferredType { FormulaFuzzEnvironment.types[$0.description.lowercased()] }
        _ = try? formula.evaluate(in: FormulaFuzzEnvironment.values)
        return 0
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
