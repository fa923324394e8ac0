import Foundation

extension RecordImport {
    /// The records of a data plan (`sf data export tree --plan` writes `Account-Contact-plan.json`):
    ///
    /// ```json
    /// [{"sobject": "Account", "saveRefs": true, "resolveRefs": false, "files": ["Accounts.json"]},
    ///  {"sobject": "Contact", "saveRefs": false, "resolveRefs": true, "files": ["Contacts.json"]}]
    /// ```
    ///
    /// Each file is read as a tree file of that object, relative to the plan's folder. As in the
    /// current Salesforce CLI, `saveRefs` and `resolveRefs` are ignored: every record's referenceId
    /// can be named (`"AccountId": "@AccountRef1"`) by any record of the import. Old plans that
    /// list a file as `{"file": "Accounts.json"}` work too.
    /// - Throws: `RecordImportError` naming the plan entry, or the data file and its record.
    public static func planRecords(_ data: Data, file: String, typing: ImportTyping) throws(RecordImportError) -> [ImportRecord] {
        guard case .array(let entries)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw RecordImportError(
                file: file,
                message: "a data plan must be a JSON array such as [{\"sobject\": \"Account\", \"files\": [\"Accounts.json\"]}]")
        }
        let folder = (file as NSString).deletingLastPathComponent
        var records: [ImportRecord] = []
        for (index, entry) in entries.enumerated() {
            var place = "entry \(index + 1)"
            guard case .object(let members) = entry, case .string(let object)? = members["sobject"] else {
                throw RecordImportError(file: file, place: place, message: "needs \"sobject\", the object its files hold")
            }
            place += " (\(object))"
            guard case .array(let files)? = members["files"] else {
                throw RecordImportError(file: file, place: place, message: "needs \"files\", an array of data file paths")
            }
            for listed in files {
                var name: String?
                switch listed {
                case .string(let text): name = text
                case .object(let fields): if case .string(let text)? = fields["file"] { name = text }
                default: break
                }
                guard let name else {
                    throw RecordImportError(file: file, place: place, message: "\"files\" must list paths, such as \"Accounts.json\"")
                }
                let path = name.hasPrefix("/") ? name : (folder as NSString).appendingPathComponent(name)
                guard let contents = FileManager.default.contents(atPath: path) else {
                    throw RecordImportError(file: file, place: place, message: "cannot read \(path); check the path")
                }
                records += try treeRecords(contents, file: path, object: object, typing: typing)
            }
        }
        return records
    }
}
