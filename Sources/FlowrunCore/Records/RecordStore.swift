/// Where a flow's records live. Get/Create/Update/Delete Records elements go through this.
///
/// Implementations must be safe to share between concurrently running interviews.
/// FlowrunCore ships `InMemoryRecordStore`; `FlowrunSQLite` has the SQLite one.
public protocol RecordStore: Sendable {
    /// The records of `query.object` that match, sorted and limited as asked.
    func query(_ query: RecordQuery) async throws -> [FlowRecord]

    /// The record with this Id, whichever object it is, or nil. Cross-object references
    /// (`$Record.Account.Name`) reach a parent through its Id alone, as a lookup field holds it.
    func record(id: String) async throws -> FlowRecord?

    /// Inserts a record and returns its new Id (or the Id it already carries).
    func create(_ record: FlowRecord) async throws -> String

    /// Sets `fields` on the record of `object` with `id`. Throws `RecordStoreError.notFound` if there is none.
    func update(object: String, id: String, fields: [String: FlowValue]) async throws

    /// Deletes the records of `object` with these ids; returns how many were deleted.
    @discardableResult
    func delete(object: String, ids: [String]) async throws -> Int
}

/// A record operation that could not be done, said so a flow's fault path can show it.
public struct RecordStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound, invalidField, invalidValue, invalidObject, storage
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func notFound(object: String, id: String) -> RecordStoreError {
        RecordStoreError(.notFound, "no \(object) record with Id \(id)")
    }
}
