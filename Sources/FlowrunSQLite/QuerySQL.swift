import FlowrunCore
import GRDB

/// A Get Records query compiled to one parameterised SELECT.
///
/// Every value, and every field name (inside the JSON path), is a bound argument: no text from the
/// flow is ever spliced into the SQL. Each filter compiles to the rules of
/// `RecordFilter.matches(_:)`, read against the `c` (class) and `k` (key) each stored field
/// carries (see `StoredFields`), and is 0 or 1, never NULL (`IFNULL(…, 0)`): SQL's three-valued
/// logic would otherwise make `NOT` and custom logic drop rows SOQL keeps.
struct QuerySQL {
    private(set) var sql = ""
    private(set) var arguments: [DatabaseValue] = []

    /// - Precondition: `query.checkLogic()` passed.
    init(_ query: RecordQuery) {
        append("SELECT id, object, fields FROM records WHERE object = ?", query.object)
        if !query.filters.isEmpty {
            append(" AND ")
            appendLogic(query.logic ?? .all(query.filters.count), filters: query.filters)
        }
        if let sort = query.sort {
            let direction = sort.ascending ? "ASC" : "DESC"
            // SQLite sorts NULL first ascending and last descending: SOQL's defaults.
            append(" ORDER BY ")
            appendClass(sort.field)
            append(" \(direction), ")
            appendStoredKey(sort.field)
            append(" \(direction), seq")
        } else {
            append(" ORDER BY seq")
        }
        if let limit = query.limit { append(" LIMIT ?", max(limit, 0)) }
    }

    private mutating func append(_ text: String, _ values: any DatabaseValueConvertible...) {
        sql += text
        arguments += values.map(\.databaseValue)
    }

    private mutating func appendLogic(_ logic: ConditionLogic, filters: [RecordFilter]) {
        switch logic {
        case .condition(let number):
            if filters.indices.contains(number - 1) { appendFilter(filters[number - 1]) } else { append("0") }
        case .and(let parts): appendJoined(parts, joiner: " AND ", whenEmpty: "1", filters: filters)
        case .or(let parts): appendJoined(parts, joiner: " OR ", whenEmpty: "0", filters: filters)
        case .not(let inner):
            append("NOT ")
            appendLogic(inner, filters: filters)
        }
    }

    private mutating func appendJoined(
        _ parts: [ConditionLogic], joiner: String, whenEmpty: String, filters: [RecordFilter]
    ) {
        guard !parts.isEmpty else { return append(whenEmpty) }
        append("(")
        for (index, part) in parts.enumerated() {
            if index > 0 { append(joiner) }
            appendLogic(part, filters: filters)
        }
        append(")")
    }

    /// One filter, as an expression that is 0 or 1. Negations wrap an expression that is already
    /// never NULL, so `NotEqualTo` is exactly `NOT EqualTo` and keeps null fields, as SOQL does.
    private mutating func appendFilter(_ filter: RecordFilter) {
        switch filter.op {
        case .equalTo: appendAmong(filter.field, [filter.value])
        case .notEqualTo:
            append("NOT ")
            appendAmong(filter.field, [filter.value])
        case .in: appendAmong(filter.field, filter.listItems)
        case .notIn:
            append("NOT ")
            appendAmong(filter.field, filter.listItems)
        case .greaterThan, .lessThan, .greaterThanOrEqualTo, .lessThanOrEqualTo:
            appendNeverNull { $0.appendOrdering(filter) }
        case .startsWith, .endsWith, .contains:
            appendNeverNull { $0.appendText(filter) }
        case .isNull:
            switch filter.wantsNull {
            case true?:
                appendNeverNull {
                    $0.appendClass(filter.field)
                    $0.append(" IS NULL")
                }
            case false?:
                appendNeverNull {
                    $0.appendClass(filter.field)
                    $0.append(" IS NOT NULL")
                }
            case nil: append("0")
            }
        }
    }

    private mutating func appendNeverNull(_ body: (inout QuerySQL) -> Void) {
        append("IFNULL((")
        body(&self)
        append("), 0)")
    }

    /// The field equals one of `items`: a null item finds a null field; every other item
    /// matches through its candidate keys, grouped by class into `IN` lists.
    private mutating func appendAmong(_ field: String, _ items: [FlowValue]) {
        var alternatives = 0
        append("IFNULL((")
        if items.contains(where: { FilterKey($0) == nil }) {
            appendClass(field)
            append(" IS NULL")
            alternatives += 1
        }
        var byRank: [Int: [FilterKey]] = [:]
        var seen: Set<FilterKey> = []
        // In item order, so the same query always makes the same SQL text.
        for key in items.flatMap(FilterKey.candidates) where seen.insert(key).inserted {
            byRank[key.rank, default: []].append(key)
        }
        for rank in byRank.keys.sorted() {
            guard let keys = byRank[rank] else { continue }
            if alternatives > 0 { append(" OR ") }
            alternatives += 1
            append("(")
            appendClass(field)
            append(" = ? AND ", rank)
            appendStoredKey(field)
            append(" IN (")
            for (index, key) in keys.enumerated() {
                if index > 0 { append(", ") }
                appendKey(key)
            }
            append("))")
        }
        if alternatives == 0 { append("0") }
        append("), 0)")
    }

    /// `>`, `<`, `>=`, `<=` against the candidate key of the field's own class.
    private mutating func appendOrdering(_ filter: RecordFilter) {
        let sqlOperator =
            switch filter.op {
            case .greaterThan: ">"
            case .lessThan: "<"
            case .greaterThanOrEqualTo: ">="
            default: "<="
            }
        let candidates = FilterKey.candidates(for: filter.value)
        guard !candidates.isEmpty else { return append("0") }
        append("(")
        for (index, key) in candidates.enumerated() {
            if index > 0 { append(" OR ") }
            append("(")
            appendClass(filter.field)
            append(" = ? AND ", key.rank)
            appendStoredKey(filter.field)
            append(" \(sqlOperator) ")
            appendKey(key)
            append(")")
        }
        append(")")
    }

    /// `StartsWith`/`EndsWith`/`Contains` on the lowercased text key, by characters (`instr`,
    /// `substr`, which agree with the in-memory byte search on valid UTF-8). No LIKE: its
    /// wildcards would need escaping and it folds only ASCII case.
    private mutating func appendText(_ filter: RecordFilter) {
        guard let needle = filter.textNeedle else { return append("0") }
        appendClass(filter.field)
        append(" = ?", FilterKey.text("").rank)
        guard !needle.isEmpty else { return }
        switch filter.op {
        case .startsWith:
            append(" AND instr(")
            appendStoredKey(filter.field)
            append(", ?) = 1", needle)
        case .contains:
            append(" AND instr(")
            appendStoredKey(filter.field)
            append(", ?) > 0", needle)
        default:
            append(" AND length(")
            appendStoredKey(filter.field)
            append(") >= length(?) AND substr(", needle)
            appendStoredKey(filter.field)
            append(", length(")
            appendStoredKey(filter.field)
            append(") - length(?) + 1) = ?", needle, needle)
        }
    }

    /// A key as an argument. Numbers go in as exact decimal text cast to REAL, the same
    /// conversion SQLite applies to the stored JSON number, so equal decimals compare equal.
    private mutating func appendKey(_ key: FilterKey) {
        switch key {
        case .number(let number): append("CAST(? AS REAL)", number.description)
        case .boolean(let flag): append("?", flag ? 1 : 0)
        case .temporal(let milliseconds): append("?", milliseconds)
        case .time(let milliseconds): append("?", milliseconds)
        case .text(let text): append("?", text)
        case .opaque: append("NULL")
        }
    }

    /// A field's class (`c`). `Id` is the `id` column, not a JSON field: always text.
    private mutating func appendClass(_ field: String) {
        if field.lowercased() == "id" {
            append("?", FilterKey.text("").rank)
        } else {
            append("json_extract(fields, ?)", StoredFields.path(field, "c"))
        }
    }

    /// A field's key (`k`). For `Id`, the column lowercased as `FilterKey` lowercases text
    /// (Ids are ASCII, where SQLite's `lower` and Swift's agree).
    private mutating func appendStoredKey(_ field: String) {
        if field.lowercased() == "id" {
            append("lower(id)")
        } else {
            append("json_extract(fields, ?)", StoredFields.path(field, "k"))
        }
    }
}
