import Foundation
import Synchronization

extension ObjectMetadata {
    /// The metadata of the project at `root`: every `objects/<Object>/` folder (source format:
    /// `<Object>.object-meta.xml` and `fields/*.field-meta.xml`) and every `objects/<Object>.object`
    /// file (Metadata API format), with picklists that use a global value set filled in from
    /// `globalValueSets/`. A file that cannot be read is skipped and noted in `problems`.
    public static func load(projectRoot root: String) -> ObjectMetadata {
        var metadata = ObjectMetadata()
        metadata.projectRoot = root
        var reader = MetadataFileReader()
        for folder in SFDXProject.metadataFolders(named: "objects", root: root) {
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for entry in entries {
                let path = (folder as NSString).appendingPathComponent(entry)
                if SFDXProject.isDirectory(path) {
                    if let object = reader.sourceObject(named: entry, in: path) { metadata.add(object) }
                } else if entry.hasSuffix(".object") {
                    if let object = reader.metadataAPIObject(at: path, named: String(entry.dropLast(".object".count))) {
                        metadata.add(object)
                    }
                }
            }
        }
        var globalSets: [String: [String]] = [:]
        for folder in SFDXProject.metadataFolders(named: "globalValueSets", root: root) {
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for entry in entries where entry.hasSuffix(".globalValueSet-meta.xml") {
                let name = String(entry.dropLast(".globalValueSet-meta.xml".count))
                if let values = reader.globalValueSet(at: (folder as NSString).appendingPathComponent(entry)) {
                    globalSets[name.lowercased()] = values
                }
            }
        }
        metadata.fillGlobalValueSets(globalSets)
        metadata.problems = reader.problems
        return metadata
    }

    /// The metadata of the project around `path` (a flow file or a folder), or empty metadata when
    /// it is in no project. Each project is read once per process: `check` of many flows, and a
    /// server's catalogue, share it.
    public static func discovered(near path: String) -> ObjectMetadata {
        guard let root = SFDXProject.root(near: path) else { return ObjectMetadata() }
        return cached(projectRoot: root)
    }

    /// `load(projectRoot:)`, once per root per process.
    public static func cached(projectRoot root: String) -> ObjectMetadata {
        let key = URL(fileURLWithPath: root).standardizedFileURL.path
        if let known = cache.withLock({ $0[key] }) { return known }
        let loaded = load(projectRoot: key)
        cache.withLock { $0[key] = loaded }
        return loaded
    }

    private static let cache = Mutex<[String: ObjectMetadata]>([:])

    private mutating func fillGlobalValueSets(_ sets: [String: [String]]) {
        for (key, var object) in objects {
            var changed = false
            for var field in object.fields.values {
                guard let name = field.picklist?.globalValueSet, let values = sets[name.lowercased()] else { continue }
                // A global value set is always restricted.
                field.picklist = PicklistValues(values: values, isRestricted: true, globalValueSet: name)
                object.add(field)
                changed = true
            }
            if changed { objects[key] = object }
        }
    }
}

/// Reads object, field and value-set files with the project's libxml2 reader, collecting the
/// files it cannot read as warnings.
struct MetadataFileReader {
    var problems: [Diagnostic] = []

    /// `objects/<name>/`: the object file if present, and the field files.
    mutating func sourceObject(named name: String, in folder: String) -> ObjectDefinition? {
        var object = ObjectDefinition(name: name)
        let objectFile = (folder as NSString).appendingPathComponent("\(name).object-meta.xml")
        if FileManager.default.fileExists(atPath: objectFile), let root = element(at: objectFile, root: "CustomObject") {
            object.hasObjectFile = true
            object.label = root.childText("label")
            if let nameField = nameField(of: root, file: objectFile) { object.add(nameField) }
        }
        let fieldsFolder = (folder as NSString).appendingPathComponent("fields")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: fieldsFolder)) ?? []).sorted()
        for file in files where file.hasSuffix(".field-meta.xml") {
            let path = (fieldsFolder as NSString).appendingPathComponent(file)
            guard let root = element(at: path, root: "CustomField") else { continue }
            let fallback = String(file.dropLast(".field-meta.xml".count))
            object.add(field(from: root, fallbackName: fallback, file: path))
        }
        return object.hasObjectFile || !object.fields.isEmpty ? object : nil
    }

    /// `objects/<name>.object`: one file with the object and its `<fields>`.
    mutating func metadataAPIObject(at path: String, named name: String) -> ObjectDefinition? {
        guard let root = element(at: path, root: "CustomObject") else { return nil }
        var object = ObjectDefinition(name: name, label: root.childText("label"))
        object.hasObjectFile = true
        if let nameField = nameField(of: root, file: path) { object.add(nameField) }
        for node in root.children("fields") {
            guard let fullName = node.childText("fullName") else { continue }
            object.add(field(from: node, fallbackName: fullName, file: path))
        }
        return object
    }

    /// The value names of a global value set file.
    mutating func globalValueSet(at path: String) -> [String]? {
        guard let root = element(at: path, root: "GlobalValueSet") else { return nil }
        return root.children("customValue").compactMap { $0.childText("fullName") }
    }

    /// The `Name` field an object file declares in `<nameField>` (Text, 80 characters, or AutoNumber).
    private func nameField(of root: XMLElement_, file: String) -> FieldDefinition? {
        guard let node = root.child("nameField") else { return nil }
        var field = FieldDefinition(name: "Name", type: node.childText("type").map(FieldType.init(metadataName:)) ?? .text)
        field.label = node.childText("label")
        if field.type == .text { field.length = 80 }
        field.file = file
        return field
    }

    /// A `<CustomField>` (or an object file's `<fields>`) element.
    private func field(from node: XMLElement_, fallbackName: String, file: String) -> FieldDefinition {
        // A field file's fullName may carry the object (`Account.Rating__c`) or be left out.
        let fullName = node.childText("fullName").map { $0.split(separator: ".").last.map(String.init) ?? $0 }
        var field = FieldDefinition(
            name: fullName ?? fallbackName, type: node.childText("type").map(FieldType.init(metadataName:)))
        field.label = node.childText("label")
        field.length = node.childText("length").flatMap { Int($0) }
        field.precision = node.childText("precision").flatMap { Int($0) }
        field.scale = node.childText("scale").flatMap { Int($0) }
        field.isRequired = node.childText("required") == "true"
        field.isUnique = node.childText("unique") == "true"
        field.isExternalId = node.childText("externalId") == "true"
        field.defaultValue = node.childText("defaultValue")
        field.formula = node.childText("formula")
        field.referenceTo = node.children("referenceTo").map(\.trimmedText).filter { !$0.isEmpty }
        field.relationshipName = node.childText("relationshipName")
        field.file = file
        if let valueSet = node.child("valueSet") {
            let values = valueSet.child("valueSetDefinition")?.children("value").compactMap { $0.childText("fullName") } ?? []
            field.picklist = PicklistValues(
                values: values, isRestricted: valueSet.childText("restricted") == "true",
                globalValueSet: valueSet.childText("valueSetName"))
        } else if field.type == .picklist || field.type == .multiselectPicklist {
            // Before API 38 the values sat in <picklist><picklistValues>.
            let values = node.child("picklist")?.children("picklistValues").compactMap { $0.childText("fullName") } ?? []
            if !values.isEmpty {
                field.picklist = PicklistValues(
                    values: values, isRestricted: node.child("picklist")?.childText("restrictedPicklist") == "true")
            }
        }
        return field
    }

    /// The root element of the XML file at `path` if it is called `root`; otherwise nil, and a
    /// warning says why.
    private mutating func element(at path: String, root: String) -> XMLElement_? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(.warning("metadata.unreadable", "cannot read this metadata file; it is ignored", at: start))
            return nil
        }
        switch LibXMLReader.parse(Array(data), path: path) {
        case .failure(let diagnostic):
            problems.append(
                .warning("metadata.unreadable", "\(diagnostic.message); this metadata file is ignored", at: diagnostic.location))
            return nil
        case .success(let tree):
            guard tree.root.name == root else {
                problems.append(
                    .warning(
                        "metadata.unreadable", "expected a <\(root)> document, found <\(tree.root.name)>; this file is ignored",
                        at: tree.root.location))
                return nil
            }
            return tree.root
        }
    }
}
