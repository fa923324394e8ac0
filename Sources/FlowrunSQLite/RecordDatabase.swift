import FlowrunCore
import GRDB

/// Questions about a record database file that the `RecordStore` protocol does not ask.
public enum RecordDatabase {
    /// The names of the objects the database at `path` holds records of, alphabetically.
    ///
    /// `flowrun data export` needs them to export everything. It reads the `records` table
    /// (`RecordSchema`) itself, read-only, because the store has no call for it; when the store
    /// gains one, this should use it.
    /// - Throws: `RecordStoreError(.storage)` when the file cannot be opened or read.
    public static func objectNames(atPath path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "flowrun.records.objects"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists("records") else { return [] }
                return try String.fetchAll(db, sql: "SELECT DISTINCT object FROM records ORDER BY object COLLATE NOCASE")
            }
        } catch {
            throw RecordStoreError(.storage, "could not list the objects of the record database at \(path): \(error)")
        }
    }
}
