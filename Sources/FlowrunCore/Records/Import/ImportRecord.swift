/// A record read from a data file and not yet written: its fields, and the lookups that name
/// another record of the import, whose Id is known only once that record is written.
public struct ImportRecord: Sendable, Hashable {
    /// The fields, typed; the lookups in `references` are not among them yet.
    public var record: FlowRecord
    /// Lookup field → the record it names.
    public var references: [String: ImportReference] = [:]
    /// The name other records refer to this one by (`AccountRef1`, from `attributes.referenceId`),
    /// or a name flowrun made up for a parent of nested records.
    public var key: String?
    /// Where it was read, for errors.
    public var origin: ImportOrigin

    public init(record: FlowRecord, key: String? = nil, origin: ImportOrigin) {
        self.record = record
        self.key = key
        self.origin = origin
    }
}

/// A lookup to another record of the import: `"AccountId": "@AccountRef1"`, or the parent of a
/// record nested under it.
public struct ImportReference: Sendable, Hashable {
    /// The `key` of the record named.
    public var key: String
    /// The text as written (`@AccountRef1`), kept when it may be plain text that only looks like
    /// a reference (`@handle`): it stays that text if no record has that name.
    public var text: String?

    public init(key: String, text: String? = nil) {
        self.key = key
        self.text = text
    }
}

/// Where a record was read: the file, and the line (CSV) or index and referenceId (JSON).
public struct ImportOrigin: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// `line 4`, `record 3 (AccountRef3)`, `record 1 (AccountRef1), Contacts record 2 (ContactRef2)`.
    public var place: String

    public init(file: String, place: String) {
        self.file = file
        self.place = place
    }

    public var description: String { "\(file), \(place)" }
}

/// Data that cannot be imported: which file, which record, which field, and why.
public struct RecordImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The record (`line 4`, `record 3 (AccountRef3)`), when the problem is in one.
    public var place: String?
    /// The field, when the problem is in one.
    public var field: String?
    public var message: String
    /// The store's own error, when the store refused a write (a `.storage` one means the database
    /// itself failed, not the data).
    public var storeError: RecordStoreError?

    public init(file: String, place: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.place = place
        self.field = field
        self.message = message
    }

    public init(_ origin: ImportOrigin, field: String? = nil, message: String) {
        self.init(file: origin.file, place: origin.place, field: field, message: message)
    }

    /// `Contact.csv, line 4, field Birthdate: …`
    public var description: String {
        [file, place, field.map { "field \($0)" }].compactMap { $0 }.joined(separator: ", ") + ": " + message
    }
}
