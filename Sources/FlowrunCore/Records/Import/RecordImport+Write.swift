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

    /// Records sent to the store in one `createAll`: big enough that a bulk load is fast, small
    /// enough that progress moves.
    static let batchSize = 1000

    /// Writes `records` (as `prepare` ordered them) into `store`, filling each reference with the
    /// Id the store gave the record it names.
    ///
    /// Every record import goes through here, in one store transaction: it commits whole or, when
    /// any record is refused, not at all. Records go in with `createAll`, a batch at a time; a
    /// batch ends early where a record names one of the batch, whose Id is known only after it.
    /// Ids the records carry are checked free first, so a clash is said before anything is written.
    /// - Parameter progress: called after each batch with (written, total).
    /// - Throws: `RecordImportError` naming the record the store refused, or whose Id is taken.
    @discardableResult
    public static func write(
        _ records: [ImportRecord], into store: some RecordStore, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(RecordImportError) -> Summary {
        do {
            return try await store.transaction { transaction in
                try await checkIDsAreFree(records, in: transaction)
                return try await create(records, in: transaction, progress: progress)
            }
        } catch let error as RecordImportError {
            throw error
        } catch {
            // The commit itself failed: nothing was kept.
            var failure = RecordImportError(
                file: records.first?.origin.file ?? "the import", message: "the record store failed: \(error)")
            failure.storeError = error as? RecordStoreError
            throw failure
        }
    }

    private static func checkIDsAreFree(_ records: [ImportRecord], in access: some RecordAccess) async throws(RecordImportError) {
        for record in records {
            guard let id = record.record.id, !id.isEmpty else { continue }
            let existing: FlowRecord?
            do {
                existing = try await access.record(id: id)
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
    }

    private static func create(
        _ records: [ImportRecord], in access: some RecordAccess, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws(RecordImportError) -> Summary {
        var ids: [String: String] = [:]
        var summary = Summary()
        var batch: [Int] = []
        var batchKeys: Set<String> = []
        var written = 0

        func flush() async throws(RecordImportError) {
            guard !batch.isEmpty else { return }
            let filled = batch.map { position in
                var record = records[position].record
                // `prepare` put every record named before the one naming it, in an earlier batch.
                for (field, reference) in records[position].references {
                    record[field] = ids[reference.key].map(FlowValue.string) ?? .null
                }
                return record
            }
            let created: [String]
            do {
                created = try await access.createAll(filled)
            } catch {
                let batchError = error as? RecordBatchError
                let position = batch[min(batchError?.index ?? 0, batch.count - 1)]
                let cause = batchError?.underlying ?? error
                var failure = RecordImportError(records[position].origin, message: "the record store refused it: \(cause)")
                failure.storeError = cause as? RecordStoreError
                throw failure
            }
            for (position, id) in zip(batch, created) {
                if let key = records[position].key { ids[key] = id }
                let object = records[position].record.objectType ?? "record"
                if let last = summary.counts.indices.last, summary.counts[last].object == object {
                    summary.counts[last].count += 1
                } else if let index = summary.counts.firstIndex(where: { $0.object == object }) {
                    summary.counts[index].count += 1
                } else {
                    summary.counts.append(Summary.Count(object: object, count: 1))
                }
            }
            written += batch.count
            batch.removeAll(keepingCapacity: true)
            batchKeys.removeAll(keepingCapacity: true)
            progress?(written, records.count)
        }

        for (position, record) in records.enumerated() {
            for (field, reference) in record.references where ids[reference.key] == nil && !batchKeys.contains(reference.key) {
                throw RecordImportError(
                    record.origin, field: field,
                    message: "refers to a record not written before it; pass the records through RecordImport.prepare")
            }
            if record.references.values.contains(where: { batchKeys.contains($0.key) }) || batch.count >= batchSize {
                try await flush()
            }
            batch.append(position)
            if let key = record.key { batchKeys.insert(key) }
        }
        try await flush()
        return summary
    }
}
