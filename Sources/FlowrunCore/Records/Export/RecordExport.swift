import Foundation

/// Writing records out in the forms `RecordImport` reads back: sObject tree files with a data plan
/// (as `sf data export tree --plan` writes them), or one CSV file per object (as Data Loader does).
public enum RecordExport {
    /// One file to write: its name (no folder) and contents.
    public struct File: Sendable, Hashable {
        public var name: String
        public var text: String
    }

    /// The records of one object, in the order to write them.
    public struct Object: Sendable, Hashable {
        public var name: String
        public var records: [FlowRecord]

        public init(name: String, records: [FlowRecord]) {
            self.name = name
            self.records = records
        }
    }

    /// Tree files (`Accounts.json`, …) and their plan (`Account-Contact-plan.json`).
    ///
    /// Records get referenceIds `<Object>Ref<n>`, and a field holding the Id of an exported
    /// record holds `@<Object>Ref<n>` instead, so the plan loads into any database with the links
    /// intact; Ids themselves are not written (Salesforce gives new ones, and so does the store).
    /// Objects come parents first; null fields are left out.
    public static func tree(_ objects: [Object]) -> [File] {
        guard !objects.isEmpty else { return [] }
        var references: [String: String] = [:]
        var owners: [String: String] = [:]
        for object in objects {
            for (index, record) in object.records.enumerated() {
                guard let id = record.id else { continue }
                references[id] = "\(object.name)Ref\(index + 1)"
                owners[id] = object.name
            }
        }
        var dependencies: [String: Set<String>] = [:]
        for object in objects {
            for record in object.records {
                for (name, value) in record.fields where name.lowercased() != "id" {
                    if case .string(let text) = value, let owner = owners[text], owner != object.name {
                        dependencies[object.name, default: []].insert(owner)
                    }
                }
            }
        }
        let order = parentsFirst(objects.map(\.name), dependencies: dependencies)
        let byName = Dictionary(objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var files: [File] = []
        var plan: [String] = []
        for name in order {
            guard let object = byName[name] else { continue }
            let fileName = "\(name)s.json"
            let records = object.records.enumerated().map { index, record in
                treeRecord(record, object: name, referenceID: "\(name)Ref\(index + 1)", references: references)
            }
            files.append(File(name: fileName, text: "{\n    \"records\": [\n" + records.joined(separator: ",\n") + "\n    ]\n}\n"))
            let savesRefs = objects.contains { $0.name != name && dependencies[$0.name]?.contains(name) == true }
            let resolvesRefs = !(dependencies[name] ?? []).isEmpty
            plan.append(
                "    {\n        \"sobject\": \(jsonString(name)),\n        \"saveRefs\": \(savesRefs),\n"
                    + "        \"resolveRefs\": \(resolvesRefs),\n        \"files\": [\(jsonString(fileName))]\n    }")
        }
        files.append(File(name: order.joined(separator: "-") + "-plan.json", text: "[\n" + plan.joined(separator: ",\n") + "\n]\n"))
        return files
    }

    /// One CSV file per object (`Account.csv`): `Id` first, then every field any record has, in
    /// alphabetical order; null is a blank cell. Ids are kept, so lookups between the files hold
    /// when they are imported again.
    public static func csv(_ objects: [Object]) -> [File] {
        objects.map { object in
            var names: [String] = []
            var seen: Set<String> = ["id"]
            for record in object.records {
                for name in record.fields.keys.sorted() where seen.insert(name.lowercased()).inserted {
                    names.append(name)
                }
            }
            names.sort { $0.lowercased() < $1.lowercased() }
            var lines = [CSV.line(["Id"] + names)]
            for record in object.records {
                lines.append(CSV.line([record.id ?? ""] + names.map { cellText(record[$0]) }))
            }
            return File(name: "\(object.name).csv", text: lines.joined(separator: "\n") + "\n")
        }
    }

    /// The objects ordered so each comes after those it refers to, alphabetically otherwise; a
    /// circle is broken at its alphabetically first object (the import orders records anyway).
    static func parentsFirst(_ names: [String], dependencies: [String: Set<String>]) -> [String] {
        var remaining = names.sorted()
        var placed: Set<String> = []
        var order: [String] = []
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { (dependencies[$0] ?? []).isSubset(of: placed) } ?? 0
            let name = remaining.remove(at: ready)
            order.append(name)
            placed.insert(name)
        }
        return order
    }

    private static func treeRecord(
        _ record: FlowRecord, object: String, referenceID: String, references: [String: String]
    ) -> String {
        var lines = [
            "            \"attributes\": {\n                \"type\": \(jsonString(object)),\n"
                + "                \"referenceId\": \(jsonString(referenceID))\n            }"
        ]
        for (name, value) in record.fields.sorted(by: { $0.key < $1.key }) where name.lowercased() != "id" {
            let text: String?
            if case .string(let string) = value, let reference = references[string] {
                text = jsonString("@" + reference)
            } else {
                text = jsonText(value)
            }
            if let text { lines.append("            \(jsonString(name)): \(text)") }
        }
        return "        {\n" + lines.joined(separator: ",\n") + "\n        }"
    }

    /// A field's value as JSON, dates as Salesforce writes them; nil for null and for values no
    /// field holds (records, collections).
    private static func jsonText(_ value: FlowValue) -> String? {
        switch value {
        case .null, .record, .collection: nil
        case .string(let text): jsonString(text)
        case .number(let number): number.plainText
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): jsonString(date.description)
        case .dateTime(let instant): jsonString(instant.isoText)
        case .time(let time): jsonString(time.description)
        }
    }

    private static func cellText(_ value: FlowValue) -> String {
        switch value {
        case .null, .record, .collection: ""
        case .string(let text): text
        case .number(let number): number.plainText
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        case .dateTime(let instant): instant.isoText
        case .time(let time): time.description
        }
    }

    /// `text` as a JSON string literal (written by hand: an encoder per value is slow for big exports).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
