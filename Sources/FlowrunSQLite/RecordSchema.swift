import GRDB

/// The record store's tables, created and upgraded by an ordered list of recorded migrations.
///
/// One table holds every object, so a flow can create any object and set any field without a
/// declared schema (`LockedUntil__c` on User, say):
///
/// - `seq`: INTEGER PRIMARY KEY AUTOINCREMENT. Creation order (unsorted results and sort ties
///   follow it; VACUUM renumbers implicit rowids, never an explicit key) and the number new Ids
///   are made from (never reused, as `InMemoryRecordStore` never reuses one).
/// - `id`: the Salesforce-style Id, unique across objects.
/// - `object`: the object name, COLLATE NOCASE so `user` finds `User` records (API names are ASCII).
/// - `fields`: JSON, see `StoredFields`.
enum RecordSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: records") { db in
            try db.create(table: "records") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("id", .text).notNull().unique()
                table.column("object", .text).notNull().collate(.nocase)
                table.column("fields", .text).notNull()
            }
            // Every query names its object and, unsorted, reads in creation order.
            try db.create(index: "records_by_object", on: "records", columns: ["object", "seq"])
        }
        return migrator
    }
}
