/// Record filter semantics, as SOQL gives them. This is the reference every `RecordStore` follows;
/// the SQLite store compiles the same rules to SQL and is tested against the same table of cases.
///
/// - Text compares ignoring case; null and empty text are the same (Salesforce stores `""` as null).
/// - `EqualTo` null (or empty text) matches a null field; `NotEqualTo` and `NotIn` are the exact
///   negations of `EqualTo` and `In`, so they include null fields, as SOQL's `!=` does.
/// - `GreaterThan` and friends never match a null field; numbers compare by value, Dates and
///   DateTimes as instants, text by its lowercased UTF-8 bytes (see `FilterKey`).
/// - A text filter value also matches a number, Boolean, date, date-time or time field when it
///   parses as one (`"42"` finds `42`); other kinds only match their own kind.
/// - `StartsWith`, `EndsWith`, `Contains` match text fields only, ignoring case; an empty value
///   (null or `""`) matches every text field, as `LIKE '%'` does.
/// - `IsNull` takes a Boolean (or `"true"`/`"false"`); any other value matches nothing.
/// - `In`/`NotIn` take a collection (a single value counts as a list of one); a null item finds
///   null fields.
extension RecordFilter {
    /// Whether `record` passes this filter.
    public func matches(_ record: FlowRecord) -> Bool {
        let key = FilterKey(record[field])
        switch op {
        case .equalTo: return Self.isAmong(key, [value])
        case .notEqualTo: return !Self.isAmong(key, [value])
        case .in: return Self.isAmong(key, listItems)
        case .notIn: return !Self.isAmong(key, listItems)
        case .greaterThan, .lessThan, .greaterThanOrEqualTo, .lessThanOrEqualTo:
            guard let key, let candidate = FilterKey.candidates(for: value).first(where: { $0.rank == key.rank }),
                let result = FilterKey.order(key, candidate)
            else { return false }
            switch op {
            case .greaterThan: return result == .orderedDescending
            case .lessThan: return result == .orderedAscending
            case .greaterThanOrEqualTo: return result != .orderedAscending
            default: return result != .orderedDescending
            }
        case .startsWith, .endsWith, .contains:
            guard case .text(let haystack)? = key, let needle = textNeedle else { return false }
            if needle.isEmpty { return true }
            // UTF-8 bytes, as SQLite's instr/substr see them (the two agree on valid UTF-8).
            let hay = Array(haystack.utf8)
            let pin = Array(needle.utf8)
            switch op {
            case .startsWith: return hay.starts(with: pin)
            case .endsWith: return hay.reversed().starts(with: pin.reversed())
            default: return Self.bytes(hay, contain: pin)
            }
        case .isNull:
            guard let wanted = wantsNull else { return false }
            return (key == nil) == wanted
        }
    }

    /// The items an `In`/`NotIn` filter looks among: the collection, or the single value.
    public var listItems: [FlowValue] { value.collectionValue ?? [value] }

    /// For `StartsWith`/`EndsWith`/`Contains`: the lowercased text to look for (empty for null);
    /// nil for a record or collection, which matches nothing.
    public var textNeedle: String? {
        switch value {
        case .record, .collection: nil
        default: value.displayText.lowercased()
        }
    }

    /// For `IsNull`: true to find null fields, false for non-null ones, nil if the value is no Boolean.
    public var wantsNull: Bool? {
        guard case .boolean(let wanted)? = try? value.coerced(to: .boolean) else { return nil }
        return wanted
    }

    /// Whether a field with `key` equals any of `items` (a null item finds a null field).
    private static func isAmong(_ key: FilterKey?, _ items: [FlowValue]) -> Bool {
        items.contains { item in
            guard FilterKey(item) != nil else { return key == nil }
            guard let key else { return false }
            return FilterKey.candidates(for: item).contains { FilterKey.order($0, key) == .orderedSame }
        }
    }

    private static func bytes(_ hay: [UInt8], contain pin: [UInt8]) -> Bool {
        guard pin.count <= hay.count else { return false }
        for start in 0...(hay.count - pin.count) where hay[start..<(start + pin.count)].elementsEqual(pin) {
            return true
        }
        return false
    }
}

extension RecordQuery {
    /// Throws unless `logic` mentions only conditions 1 through `filters.count`.
    public func checkLogic() throws(RecordStoreError) {
        guard let logic else { return }
        let known = 1...max(filters.count, 1)
        if filters.isEmpty || !logic.conditionNumbers.allSatisfy(known.contains) {
            let wrong = logic.conditionNumbers.sorted().filter { filters.isEmpty || !known.contains($0) }
            throw RecordStoreError(
                .invalidValue,
                "filter logic for \(object) mentions condition \(wrong.map(String.init).joined(separator: ", ")) "
                    + "but the query has \(filters.count) filter\(filters.count == 1 ? "" : "s")")
        }
    }

    /// Whether `record` passes the filters combined by `logic` (nil logic: all of them).
    /// A condition number with no filter counts as false; call `checkLogic()` first to report it.
    public func matchesFilters(_ record: FlowRecord) -> Bool {
        guard let logic else { return filters.allSatisfy { $0.matches(record) } }
        return logic.evaluate { number in
            filters.indices.contains(number - 1) && filters[number - 1].matches(record)
        }
    }
}
