import FlowrunCore
import Foundation
import Testing

/// RFC 4180 CSV as Data Loader and `sf data export bulk` write it, and how cells are typed.
@Suite struct CSVTests {
    static func rows(_ text: String) throws -> [[String]] { try CSV.rows(of: Data(text.utf8)).map(\.cells) }

    @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
        let rows = try CSV.rows(of: Data("\u{FEFF}Name,Note\r\n\"Acme, Inc.\",\"say \"\"hi\"\"\nthen leave\"\r\nGlobex,\r\n\n".utf8))
        #expect(
            rows == [
                CSVRow(line: 1, cells: ["Name", "Note"]),
                CSVRow(line: 2, cells: ["Acme, Inc.", "say \"hi\"\nthen leave"]),
                CSVRow(line: 4, cells: ["Globex", ""]),
            ])
        #expect(try Self.rows("a,b\rc,d") == [["a", "b"], ["c", "d"]])  // a lone CR ends a record too
        #expect(try Self.rows("\"\"") == [[""]])
    }

    @Test func malformedCSVSaysWhere() {
        let unterminated = #expect(throws: CSVError.self) { try Self.rows("Name\nok\n\"never closed\n") }
        #expect(unterminated?.description == "line 3: a quoted cell starts here and never ends; close it with \"")
        let trailing = #expect(throws: CSVError.self) { try Self.rows("Name\n\"Acme\"x\n") }
        #expect(trailing?.description == "line 2: text after a quoted cell's closing quote; write a quote inside a quoted cell as \"\"")
        let latin1 = #expect(throws: CSVError.self) { try CSV.rows(of: Data([0x61, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A])) }
        #expect(latin1?.description == "line 2: not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in Excel)")
    }

    @Test func writtenLinesQuoteOnlyWhatNeedsIt() throws {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""]
        #expect(CSV.line(cells) == #"plain,"a,b","say ""hi""","two"# + "\n" + #"lines"," padded","#)
        #expect(try Self.rows(CSV.line(cells)) == [cells])
    }

    @Test(
        arguments: [
            ("true", FlowValue.boolean(true)), ("FALSE", .boolean(false)), ("42", 42), ("-0.25", .number(Decimal(string: "-0.25") ?? 0)),
            ("0", 0), ("0.5", .number(Decimal(string: "0.5") ?? 0)), ("007", "007"), ("+1", "+1"), ("1e5", "1e5"), ("1.", "1."),
            ("2024-05-01", .date(LocalDate(year: 2024, month: 5, day: 1))), ("2024-02-30", "2024-02-30"),
            ("2024-05-01T09:30:00.000Z", .dateTime(Date(timeIntervalSince1970: 1_714_555_800))),
            ("2024-05-01T09:30:00.000+0000", .dateTime(Date(timeIntervalSince1970: 1_714_555_800))),
            ("2024-05-01T04:30:00.000-0500", .dateTime(Date(timeIntervalSince1970: 1_714_555_800))),
            ("09:30:00.000Z", .time(TimeOfDay(hour: 9, minute: 30))), ("09:30", "09:30"),
            ("yes", "yes"), ("001000000000001AAA", "001000000000001AAA"),
        ] as [(String, FlowValue)])
    func aCellIsTypedByItsForm(text: String, value: FlowValue) {
        #expect(FieldValueInference.value(ofCell: text) == value)
    }

    @Test func dataLoadersNullMarkerIsNull() throws {
        let rows = try RecordImport.csvRecords(
            Data("Name,Phone,Fax\nAcme,#N/A,\"\"\n".utf8), file: "Account.csv", object: "Account", typing: ImportTyping())
        #expect(rows.first?.record == FlowRecord(objectType: "Account", fields: ["Name": "Acme"]))
    }

    @Test func dateTimesTakeAZoneWithOrWithoutItsColon() {
        #expect(Date(isoText: "2024-05-01T11:30:00.000+0200") == Date(timeIntervalSince1970: 1_714_555_800))
        #expect(Date(isoText: "2024-05-01T11:30:00+02:00") == Date(timeIntervalSince1970: 1_714_555_800))
        #expect(Date(isoText: "2024-05-01T09:30+0000") == Date(timeIntervalSince1970: 1_714_555_800))
        #expect(Date(isoText: "2024-05-01T09:30:00+00") == nil)
    }
}
