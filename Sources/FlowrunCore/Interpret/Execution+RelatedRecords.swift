extension Execution {
    /// Reads from the record store the parent records that the flow's cross-object references
    /// reach from the values they start at now (`$Record.Account` is the Account whose Id is in
    /// `$Record.AccountId`), so that reading the references, which cannot wait for the store,
    /// finds them. Called before each element, so an element sees parents as they are then.
    ///
    /// Salesforce documents no query count for these reads, so they count against no limit.
    mutating func loadRelatedRecords() async throws(FlowRuntimeError) {
        guard !flow.relatedRecordPaths.isEmpty else { return }
        var loaded: [String: FlowRecord] = [:]
        for path in flow.relatedRecordPaths {
            var current: FlowValue
            switch path.root {
            case .slot(let slot):
                // Formulas and templates yield no records; reading them here would only cost time.
                if flow.resources[slot].isComputed { continue }
                current = interview.values[slot]
            case .user:
                current = value(of: GlobalReference.user)
            }
            for field in path.fields {
                guard case .record(let record) = current else { break }
                if record.hasField(field) {
                    current = record[field]
                    continue
                }
                guard let id = FieldPath.lookupID(of: field, in: record) else { break }
                if let parent = loaded[id] {
                    current = .record(parent)
                    continue
                }
                let parent: FlowRecord?
                do {
                    parent = try await records.record(id: id)
                } catch {
                    throw FlowRuntimeError(.other, "could not read the record \(id) that \(path.description(in: flow)) refers to: \(error)")
                }
                guard let parent else { break }
                loaded[id] = parent
                current = .record(parent)
            }
        }
        relatedRecords = loaded
    }

    /// `loadRelatedRecords()`, with a failure placed at `element`.
    mutating func loadRelatedRecords(for element: CompiledElement) async throws(FlowRuntimeError) {
        do {
            try await loadRelatedRecords()
        } catch {
            var located = error
            located.elementName = element.name
            located.location = element.location
            throw located
        }
    }
}

extension RelatedRecordPath {
    /// `$Record.Account.Name`, as the flow writes it, for messages.
    func description(in flow: ValidatedFlow) -> String {
        let head: String
        switch root {
        case .slot(let slot): head = flow.resources[slot].name
        case .user: head = "$User"
        }
        return ([head] + fields).joined(separator: ".")
    }
}
