/// The record changes of the current transaction, with how to undo each, so a Roll Back Records
/// element (or a custom error) can take them back on any `RecordStore`.
///
/// A transaction is one `start` or `resume` call, cut short by a wait; flowrun keeps the journal
/// only for flows that can roll back (a `recordRollbacks` or `customErrors` element), since undoing
/// an update needs the record as it was, which costs a read.
struct RecordJournal: Sendable {
    enum Undo: Sendable {
        /// A record was created: delete it.
        case delete(object: String, id: String)
        /// A record was updated: put these fields back.
        case restore(object: String, id: String, fields: [String: FlowValue])
        /// A record was deleted: create it again, with its Id.
        case recreate(FlowRecord)
    }

    private(set) var steps: [Undo] = []

    mutating func record(_ undo: Undo) { steps.append(undo) }

    mutating func clear() { steps.removeAll() }

    /// Undoes every change, newest first; returns how many records were put back.
    mutating func rollBack(_ store: any RecordStore) async throws -> Int {
        let undoing = steps.reversed()
        steps.removeAll()
        for step in undoing {
            switch step {
            case .delete(let object, let id): try await store.delete(object: object, ids: [id])
            case .restore(let object, let id, let fields): try await store.update(object: object, id: id, fields: fields)
            case .recreate(let record): _ = try await store.create(record)
            }
        }
        return undoing.count
    }
}

extension ValidatedFlow {
    /// True when the flow has an element that undoes record changes, so they must be journaled.
    var canRollBack: Bool {
        elements.contains { element in
            switch element.kind {
            case .recordRollback, .customError: true
            default: false
            }
        }
    }
}

extension Execution {
    /// Notes a created record, if the flow can roll back.
    mutating func journalCreate(object: String?, id: String) {
        guard flow.canRollBack, let object else { return }
        journal.record(.delete(object: object, id: id))
    }

    /// Notes the fields an update is about to change, as they are now, if the flow can roll back.
    mutating func journalUpdate(object: String, id: String, fields: some Collection<String>) async throws {
        guard flow.canRollBack else { return }
        let current = try await services.records.query(
            RecordQuery(object: object, filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(id))]))
        guard let before = current.first else { return }
        var old: [String: FlowValue] = [:]
        for field in fields where field.lowercased() != "id" { old[field] = before[field] }
        journal.record(.restore(object: object, id: id, fields: old))
    }
}
