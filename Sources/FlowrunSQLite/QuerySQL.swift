import FlowrunCore
import GRDB

/// A Get Records query compiled to one parameterised SELECT on the object's table.
///
/// Every value is a bound argument; the only identifiers in the text are the table's and its
/// columns', made of storage keys (`ObjectTables`). Each filter compiles to the rules of
/// `RecordFilter.matches(_:)`, read against the class (`#c`) and key (`#k`) columns each field
/// has, so `Name = 'ada'` is `"name#c" = 5 AND "name#k" IN ('ada')`, which the field's index
/// serves. Under a `NOT` a filter is wrapped to be 0 or 1, never NULL (`IFNULL(…, 0)`): SQL's
/// three-valued logic would otherwise make `NOT` drop rows SOQL keeps. Elsewhere NULL and 0 both
/// leave a row out, so the bare, indexable form is used.
struct QuerySQL {
    private(set) var sql = ""
    private(set) var arguments: [DatabaseValue] = []
    /// The fields selected after `id`, each as its value and class columns, in order.
    private(set) var columns: [(key: String, name: String)] = []
    /// Each choice made from a value rather than the query's shape (`QueryTextCache.Shape`),
    /// every variable-length run of them preceded by its count so the sequence reads one way.
    private(set) var choices: [Int] = []
    private let table: TableInfo
    /// False when only the arguments and choices are wanted, the text coming from the cache.
    private let writesText: Bool

    /// The query's arguments, with its text from `cache` when a query of the same shape was
    /// compiled before, else built now and remembered.
    /// - Precondition: `query.checkLogic()` passed.
    static func compiled(_ query: RecordQuery, table: TableInfo, cache: QueryTextCache) -> QuerySQL {
        var compiled = QuerySQL(query, table: table, writesText: false)
        let shape = QueryTextCache.Shape(table: table, query: query, choices: compiled.choices)
        if let known = cache[shape] {
            compiled.sql = known.sql
            compiled.columns = known.columns
            return compiled
        }
        let built = QuerySQL(query, table: table)
        cache.remember(QueryTextCache.Text(sql: built.sql, columns: built.columns), for: shape)
        return built
    }

    /// - Precondition: `query.checkLogic()` passed.
    init(_ query: RecordQuery, table: TableInfo, writesText: Bool = true) {
        self.table = table
        self.writesText = writesText
        if writesText { columns = Self.columns(query, table: table) }
        append("SELECT id")
        for column in columns {
            append(", \(ObjectTables.valueColumn(column.key)), \(ObjectTables.classColumn(column.key))")
        }
        append(" FROM \(ObjectTables.table(table.objectName))")
        if !query.filters.isEmpty {
            append(" WHERE ")
            appendLogic(query.logic ?? .all(query.filters.count), filters: query.filters, nullSafe: false)
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

    /// The fields selected after `id`, by storage key.
    private static func columns(_ query: RecordQuery, table: TableInfo) -> [(key: String, name: String)] {
        let wanted: [String: String]
        if let fields = query.fields {
            var picked: [String: String] = [:]
            for name in fields {
                let key = ObjectTables.storageKey(name)
                if let stored = table.fields[key] { picked[key] = stored }
            }
            wanted = picked
        } else {
            wanted = table.fields
        }
        return wanted.sorted { $0.key < $1.key }.map { (key: $0.key, name: $0.value) }
    }

    private mutating func append(_ text: String, _ values: any DatabaseValueConvertible...) {
        if writesText { sql += text }
        arguments += values.map { $0.databaseValue }
    }

    /// - Parameter nullSafe: whether the result must be 0 or 1, never NULL (under a `NOT`).
    private mutating func appendLogic(_ logic: ConditionLogic, filters: [RecordFilter], nullSafe: Bool) {
        switch logic {
        case .condition(let number):
            if filters.indices.contains(number - 1) {
                appendFilter(filters[number - 1], nullSafe: nullSafe)
            } else {
                append("0")
            }
        case .and(let parts): appendJoined(parts, joiner: " AND ", whenEmpty: "1", filters: filters, nullSafe: nullSafe)
        case .or(let parts): appendJoined(parts, joiner: " OR ", whenEmpty: "0", filters: filters, nullSafe: nullSafe)
        case .not(let inner):
            append("NOT ")
            appendLogic(inner, filters: filters, nullSafe: true)
        }
    }

    private mutating func appendJoined(
        _ parts: [ConditionLogic], joiner: String, whenEmpty: String, filters: [RecordFilter], nullSafe: Bool
    ) {
        guard !parts.isEmpty else { return append(whenEmpty) }
        append("(")
        for (index, part) in parts.enumerated() {
            if index > 0 { append(joiner) }
            appendLogic(part, filters: filters, nullSafe: nullSafe)
        }
        append(")")
    }

    /// One filter. Negations wrap an expression that is already never NULL, so `NotEqualTo` is
    /// exactly `NOT EqualTo` and keeps null fields, as SOQL does.
    private mutating func appendFilter(_ filter: RecordFilter, nullSafe: Bool) {
        switch filter.op {
        case .equalTo: appendGuarded(nullSafe) { $0.appendAmong(filter.field, [filter.value]) }
        case .notEqualTo:
            append("NOT ")
            appendGuarded(true) { $0.appendAmong(filter.field, [filter.value]) }
        case .in: appendGuarded(nullSafe) { $0.appendAmong(filter.field, filter.listItems) }
        case .notIn:
            append("NOT ")
            appendGuarded(true) { $0.appendAmong(filter.field, filter.listItems) }
        case .greaterThan, .lessThan, .greaterThanOrEqualTo, .lessThanOrEqualTo:
            appendGuarded(nullSafe) { $0.appendOrdering(filter) }
        case .startsWith, .endsWith, .contains:
            appendGuarded(nullSafe) { $0.appendText(filter) }
        case .isNull:
            let wantsNull = filter.wantsNull
            choices.append(wantsNull == nil ? 0 : wantsNull == true ? 1 : 2)
            switch wantsNull {
            case true?:
                appendGuarded(nullSafe) {
                    $0.appendClass(filter.field)
                    $0.append(" IS NULL")
                }
            case false?:
                appendGuarded(nullSafe) {
                    $0.appendClass(filter.field)
                    $0.append(" IS NOT NULL")
                }
            case nil: append("0")
            }
        }
    }

    private mutating func appendGuarded(_ nullSafe: Bool, _ body: (inout QuerySQL) -> Void) {
        guard nullSafe else {
            append("(")
            body(&self)
            return append(")")
        }
        append("IFNULL((")
        body(&self)
        append("), 0)")
    }

    /// The field equals one of `items`: a null item finds a null field; every other item
    /// matches through its candidate keys, grouped by class into `IN` lists.
    private mutating func appendAmong(_ field: String, _ items: [FlowValue]) {
        if ObjectTables.storageKey(field) == "id" { return appendIdAmong(items) }
        var alternatives = 0
        let hasNull = items.contains(where: { FilterKey($0) == nil })
        choices.append(hasNull ? 1 : 0)
        if hasNull {
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
        choices.append(byRank.count)
        for rank in byRank.keys.sorted() {
            guard let keys = byRank[rank] else { continue }
            choices.append(keys.count)
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
    }

    /// `Id` among `items`: the `id` column, whose unique index compares ignoring ASCII case as
    /// `FilterKey` does for text (Ids are ASCII), so a look-up by Id is one index probe. An Id is
    /// never null and always text, so only text items can match it.
    private mutating func appendIdAmong(_ items: [FlowValue]) {
        var texts: [String] = []
        for key in items.flatMap(FilterKey.candidates) {
            if case .text(let text) = key, !texts.contains(text) { texts.append(text) }
        }
        choices.append(texts.count)
        guard !texts.isEmpty else { return append("0") }
        append("id IN (")
        for (index, text) in texts.enumerated() {
            if index > 0 { append(", ") }
            append("?", text)
        }
        append(")")
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
        choices.append(candidates.count)
        guard !candidates.isEmpty else { return append("0") }
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
    }

    /// `StartsWith`/`EndsWith`/`Contains` on the lowercased text key, by characters (`instr`,
    /// `substr`, which agree with the in-memory byte search on valid UTF-8). No LIKE: its
    /// wildcards would need escaping and it folds only ASCII case.
    private mutating func appendText(_ filter: RecordFilter) {
        let needle = filter.textNeedle
        choices.append(needle == nil ? 0 : needle?.isEmpty == true ? 1 : 2)
        guard let needle else { return append("0") }
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
    /// conversion the stored key had, so equal decimals compare equal.
    private mutating func appendKey(_ key: FilterKey) {
        switch key {
        case .number(let number):
            choices.append(0)
            append("CAST(? AS REAL)", number.description)
        case .boolean(let flag):
            choices.append(1)
            append("?", flag ? 1 : 0)
        case .temporal(let milliseconds):
            choices.append(2)
            append("?", milliseconds)
        case .time(let milliseconds):
            choices.append(3)
            append("?", milliseconds)
        case .text(let text):
            choices.append(4)
            append("?", text)
        case .opaque:
            choices.append(5)
            append("NULL")
        }
    }

    /// A field's class column; `Id` is the `id` column, always text; a field the table has no
    /// column for is NULL, as an unset field is.
    private mutating func appendClass(_ field: String) {
        let key = ObjectTables.storageKey(field)
        if key == "id" {
            append("?", FilterKey.text("").rank)
        } else if !writesText {
            return
        } else if table.fields[key] != nil {
            append(ObjectTables.classColumn(key))
        } else {
            append("NULL")
        }
    }

    /// A field's key column. For `Id`, the column lowercased as `FilterKey` lowercases text
    /// (Ids are ASCII, where SQLite's `lower` and Swift's agree).
    private mutating func appendStoredKey(_ field: String) {
        guard writesText else { return }
        let key = ObjectTables.storageKey(field)
        if key == "id" {
            append("lower(id)")
        } else if table.fields[key] != nil {
            append(ObjectTables.keyColumn(key))
        } else {
            append("NULL")
        }
    }
}
