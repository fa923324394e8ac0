import Foundation

extension RecordImport {
    /// The records of a CSV file of one object, as Data Loader and `sf data export bulk` write it:
    /// a header row of field API names, then one record per row. A blank cell, or `#N/A`, is null
    /// (the field is left out); other cells are typed by the project's metadata or by their form
    /// (`FieldValueInference`). An `Id` column keeps the Ids, so lookups between files hold.
    /// - Throws: `RecordImportError` naming the file, the line and the field.
    public static func csvRecords(_ data: Data, file: String, object: String, typing: ImportTyping) throws(RecordImportError)
        -> [ImportRecord]
    {
        guard RecordFixture.isObjectName(object) else {
            throw RecordImportError(file: file, message: "\"\(object)\" is not an object name; name the object with --object")
        }
        let rows: [CSVRow]
        do {
            rows = try CSV.rows(of: data)
        } catch {
            throw RecordImportError(file: file, place: "line \(error.line)", message: error.message)
        }
        guard let header = rows.first else {
            throw RecordImportError(file: file, message: "is empty; the first line must name the fields (Name,Phone,…)")
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen: [String: Int] = [:]
        for (column, name) in names.enumerated() {
            let place = "line \(header.line)"
            if name.isEmpty {
                throw RecordImportError(file: file, place: place, message: "column \(column + 1) of the header has no field name")
            }
            if name.contains(".") {
                throw RecordImportError(
                    file: file, place: place, field: name,
                    message: "relationship columns are not supported; give the lookup field's Id instead (AccountId for Account.Name)")
            }
            if let first = seen[name.lowercased()] {
                throw RecordImportError(
                    file: file, place: place, field: name,
                    message: "column \(column + 1) repeats column \(first + 1); field names ignore case")
            }
            seen[name.lowercased()] = column
        }
        var records: [ImportRecord] = []
        records.reserveCapacity(rows.count - 1)
        for row in rows.dropFirst() {
            let origin = ImportOrigin(file: file, place: "line \(row.line)")
            guard row.cells.count == names.count else {
                throw RecordImportError(
                    origin, message: "has \(row.cells.count) cells, but the header names \(names.count) fields")
            }
            var raw: [(name: String, value: FlowValue)] = []
            // Data Loader writes #N/A for a value that is to be null.
            for (name, cell) in zip(names, row.cells) where !cell.isEmpty && cell != "#N/A" {
                raw.append((name, .string(cell)))
            }
            records.append(ImportRecord(record: try typing.typed(raw, object: object, source: .csvCell, origin: origin), origin: origin))
        }
        return records
    }

    /// The object a CSV file holds, from its name: `Account.csv` → `Account`.
    public static func object(ofCSVFile path: String) -> String? {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return RecordFixture.isObjectName(name) ? name : nil
    }

    /// The records of a record fixture (`RecordFixture`'s JSON), typed by the project's metadata
    /// where it declares a field.
    public static func fixtureRecords(_ data: Data, file: String, typing: ImportTyping) throws(RecordImportError) -> [ImportRecord] {
        let fixture: RecordFixture
        do {
            fixture = try RecordFixture(data: data, source: file)
        } catch {
            throw RecordImportError(file: file, message: error.message)
        }
        var counts: [String: Int] = [:]
        var records: [ImportRecord] = []
        for record in fixture.records {
            let object = record.objectType ?? "record"
            let index = counts[object, default: 0]
            counts[object] = index + 1
            let origin = ImportOrigin(file: file, place: "\"\(object)\" record \(index + 1) (index \(index))")
            let fields = record.fields.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
            records.append(ImportRecord(record: try typing.typed(fields, object: object, source: .fixture, origin: origin), origin: origin))
        }
        return records
    }
}
