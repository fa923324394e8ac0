extension RecordImport {
    /// What a write did: how many records of each object were created.
    public struct Summary: Sendable, Hashable {
        public struct Count: Sendable, Hashable {
            public var object: String
            public var count: Int
        }

        /// Records created per object, in the order the objects were first written.
        public var counts: [Count] = []
        public var total: Int { counts.reduce(0) { $0 + $1.count } }
    }

    /// Writes `records` (as `prepare` ordered them) into `store`, filling each reference with the
    /// Id the store gave the record it names.
    ///
    /// Every record import goes through here, so this is the one place to make it a single
    /// database transaction or a bulk insert. Until the store offers either, it is all or nothing
    /// by hand: Ids the records carry are checked free first, and if the store refuses a record,
    /// the records already created are deleted again.
    /// - Parameter progress: called after each record with (written, total).
    /// - Throws: `RecordImportError` naming the record the store refused, or whose Id is taken.
    @discardableResult
    public static func write(
        _ records: [ImportRecord], into store: some RecordStore, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(RecordImportError) -> Summary {
        for record in records {
            guard let id = record.record.id, !id.isEmpty else { continue }
            let existing: FlowRecord?
            do {
                existing = try await store.record(id: id)
            } catch {
                var failure = RecordImportError(record.origin, message: "the record store failed: \(error)")
                failure.storeError = error as? RecordStoreError
                throw failure
            }
            if let existing {
                throw RecordImportError(
                    record.origin, field: "Id",
                    message: "Id \(id) is already a \(existing.objectType ?? "record") record in the database")
            }
        }
        var ids: [String: String] = [:]
        var created: [(object: String, id: String)] = []
        var summary = Summary()
        for (position, item) in records.enumerated() {
            var record = item.record
            for (field, reference) in item.references {
                // `prepare` put the record named before this one, so its Id is known.
                guard let id = ids[reference.key] else {
                    await undo(created, in: store)
                    throw RecordImportError(
                        item.origin, field: field, message: "refers to a record not written yet; pass the records through RecordImport.prepare")
                }
                record[field] = .string(id)
            }
            let object = record.objectType ?? "record"
            let id: String
            do {
                id = try await store.create(record)
            } catch {
                await undo(created, in: store)
                var failure = RecordImportError(item.origin, message: "the record store refused it: \(error)")
                failure.storeError = error as? RecordStoreError
                throw failure
            }
            created.append((object, id))
            if let key = item.key { ids[key] = id }
            if let last = summary.counts.indices.last(where: { summary.counts[$0].object == object }) {
                summary.counts[last].count += 1
            } else {
                summary.counts.append(Summary.Count(object: object, count: 1))
            }
            progress?(position + 1, records.count)
        }
        return summary
    }

    /// Deletes what a failed write created, newest first, so the store is as it was.
    private static func undo(_ created: [(object: String, id: String)], in store: some RecordStore) async {
        var byObject: [String: [String]] = [:]
        var objects: [String] = []
        for (object, id) in created.reversed() {
            if byObject[object] == nil { objects.append(object) }
            byObject[object, default: []].append(id)
        }
        for object in objects {
            // Nothing more can be done if this fails too; the error already reported says what went wrong.
            _ = try? await store.delete(object: object, ids: byObject[object] ?? [])
        }
    }
}
