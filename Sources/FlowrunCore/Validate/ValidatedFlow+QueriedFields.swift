extension ValidatedFlow {
    /// Every field the flow's record queries filter or sort on, by object: Get Records, the
    /// queries behind Update and Delete Records by filters, and record choice sets. A record
    /// store indexes them before the flow runs (`RecordStore.prepareIndexes`), so a look-up stays
    /// one index search however many records there are.
    public var queriedFields: [ObjectField] {
        var fields: [ObjectField] = []
        var seen: Set<String> = []
        func add(_ object: String?, _ filters: [CompiledFilter], sort: RecordSort? = nil) {
            guard let object else { return }
            for field in filters.map(\.field) + [sort?.field].compactMap({ $0 }) {
                if seen.insert(object.lowercased() + "." + field.lowercased()).inserted {
                    fields.append(ObjectField(object: object, field: field))
                }
            }
        }
        for element in elements {
            switch element.kind {
            case .recordLookup(let lookup): add(lookup.object, lookup.filters, sort: lookup.sort)
            case .recordUpdate(let update) where update.inputReference == nil: add(update.object, update.filters)
            case .recordDelete(let delete) where delete.inputReference == nil: add(delete.object, delete.filters)
            case .screen(let screen):
                for set in screen.fields.flatMap(\.choiceSets) {
                    if case .records(let object, _, _) = set.source { add(object, set.filters, sort: set.sort) }
                }
            default: continue
            }
        }
        return fields
    }
}
