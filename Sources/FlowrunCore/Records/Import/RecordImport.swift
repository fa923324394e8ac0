import Foundation

/// Loading records from the files people export from an org into a `RecordStore`, all or nothing.
///
/// Three steps, so that nothing is half-loaded: read every file (`read`: parse, type, check
/// against the project's metadata), then `prepare` (every `@reference` names a record of the
/// import, no Id or referenceId is used twice, and parents come before the records naming them),
/// and only then `write`.
public enum RecordImport {
    /// The kinds of data file.
    public enum Format: String, Sendable, CaseIterable {
        /// By the file: `.csv` is CSV; JSON is a plan when it is an array, a tree file when it
        /// has `records`, and a record fixture otherwise.
        case auto
        case tree, plan, csv, fixture
    }

    /// The records of the file at `path`.
    /// - Parameter object: the object a CSV file holds (default: the file's name, `Account.csv`).
    /// - Throws: `RecordImportError` naming the file and, when it can, the record and field.
    public static func read(path: String, format: Format = .auto, object: String? = nil, typing: ImportTyping)
        throws(RecordImportError) -> [ImportRecord]
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordImportError(file: path, message: "cannot read the file; check the path")
        }
        var kind = format
        if kind == .auto { kind = detectedFormat(of: data, path: path) }
        switch kind {
        case .csv:
            guard let object = object ?? Self.object(ofCSVFile: path) else {
                throw RecordImportError(
                    file: path, message: "cannot tell which object this CSV file holds from its name; give --object")
            }
            return try csvRecords(data, file: path, object: object, typing: typing)
        case .plan: return try planRecords(data, file: path, typing: typing)
        case .tree: return try treeRecords(data, file: path, object: object, typing: typing)
        case .fixture, .auto: return try fixtureRecords(data, file: path, typing: typing)
        }
    }

    static func detectedFormat(of data: Data, path: String) -> Format {
        if path.lowercased().hasSuffix(".csv") { return .csv }
        // The first character that is not white space tells a JSON array from an object.
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "[") { return .plan }
        if first == UInt8(ascii: "{"), case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: data),
            case .array? = members["records"]
        {
            return .tree
        }
        return first == UInt8(ascii: "{") ? .fixture : .csv
    }

    /// The records in an order they can be written in, every reference checked.
    ///
    /// A reference names a record by its referenceId; text such as `@handle` that names none
    /// stays text, unless it has the form the CLI gives referenceIds (`@AccountRef12`), which is
    /// an error. A record comes after the records it names, otherwise in the order read.
    /// - Throws: `RecordImportError` for a reference to no record, a referenceId or Id used
    ///   twice, or records that name each other in a circle.
    public static func prepare(_ records: [ImportRecord]) throws(RecordImportError) -> [ImportRecord] {
        var index: [String: Int] = [:]
        var ids: [String: Int] = [:]
        for (position, record) in records.enumerated() {
            if let key = record.key {
                if let first = index[key] {
                    throw RecordImportError(
                        record.origin, message: "repeats referenceId \(key), already used by \(records[first].origin)")
                }
                index[key] = position
            }
            // Compared ignoring case, as the SQLite store keeps them unique: two 15-character Ids
            // that differ by case alone could not both be stored there.
            if let id = record.record.id, !id.isEmpty {
                if let first = ids[id.lowercased()] {
                    throw RecordImportError(
                        record.origin, field: "Id", message: "repeats Id \(id), already used by \(records[first].origin)")
                }
                ids[id.lowercased()] = position
            }
        }
        var resolved = records
        var parents: [[Int]] = Array(repeating: [], count: records.count)
        for (position, record) in records.enumerated() {
            for (field, reference) in record.references.sorted(by: { $0.key < $1.key }) {
                if let target = index[reference.key] {
                    parents[position].append(target)
                    continue
                }
                guard let text = reference.text, !looksLikeReference(text) else {
                    throw RecordImportError(
                        record.origin, field: field,
                        message: "refers to \(reference.text ?? "its parent"), but no record of the import has referenceId \(reference.key)"
                    )
                }
                resolved[position].references[field] = nil
                resolved[position].record[field] = .string(text)
            }
        }
        return try ordered(resolved, parents: parents)
    }

    /// `@AccountRef12`: the form the Salesforce CLI gives references, which is never meant as text.
    static func looksLikeReference(_ text: String) -> Bool {
        guard text.hasPrefix("@") else { return false }
        let body = text.dropFirst()
        guard let range = body.range(of: "Ref", options: .backwards) else { return false }
        let number = body[range.upperBound...]
        let name = body[..<range.lowerBound]
        return !name.isEmpty && !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// Depth-first, parents first, iteratively (a chain of ParentIds may be long).
    private static func ordered(_ records: [ImportRecord], parents: [[Int]]) throws(RecordImportError) -> [ImportRecord] {
        enum Mark { case unvisited, visiting, done }
        var marks = Array(repeating: Mark.unvisited, count: records.count)
        var order: [Int] = []
        order.reserveCapacity(records.count)
        for root in records.indices where marks[root] == .unvisited {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            marks[root] = .visiting
            while let top = stack.last {
                let edges = parents[top.node]
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let parent = edges[top.next]
                    switch marks[parent] {
                    case .done: continue
                    case .visiting:
                        throw RecordImportError(
                            records[top.node].origin,
                            message:
                                "is part of a circle of records that refer to each other (through \(records[parent].origin)); one of them must be written without the reference"
                        )
                    case .unvisited:
                        marks[parent] = .visiting
                        stack.append((parent, 0))
                    }
                } else {
                    marks[top.node] = .done
                    order.append(top.node)
                    stack.removeLast()
                }
            }
        }
        return order.map { records[$0] }
    }
}
