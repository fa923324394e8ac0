import GRDB

extension SQLiteRecordStore {
    /// The names of the objects the store holds records of, alphabetically, as first spelled.
    /// `flowrun data export` exports them all.
    /// - Throws: `RecordStoreError(.storage)` when the database cannot be read.
    public func objectNames() async throws -> [String] {
        try await gate.through {
            try await self.run("list the objects") { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT object FROM records ORDER BY object COLLATE NOCASE")
            }
        }
    }
}
