import FlowrunCore
import PostgresNIO

/// A Get Records query compiled to one parameterised PostgreSQL SELECT over the `records` table,
/// with exactly the answers of `RecordFilter.matches(_:)` and `RecordSort.order` (the rules the
/// SQLite store's `QuerySQL` follows too).
///
/// Every value is a bound parameter (`$n`); class ranks, the store's own small integers, are
/// written as numbers (so a partial index on a class can be proven to serve a query). A field's
/// storage key is written into the SQL text as a string literal (`fields -> 'username'`) when it
/// holds only `[a-z0-9_%]` (`PostgresStoredFields.literalKey`), so the expressions match the field
/// indexes `PostgresRecordStore.prepareIndexes(for:)` makes — no expression index can match a
/// parameter; any other key stays bound (same answers, just unindexed). Otherwise the only names
/// in the text are the checked schema name and fixed column names.
///
/// Each filter reads the class `c` and key `k` every stored field carries (`PostgresStoredFields`).
/// Under a `NOT` a filter is wrapped to be true or false, never NULL (`COALESCE(…, false)`): SQL's
/// three-valued logic would otherwise make `NOT` drop rows SOQL keeps. Elsewhere (at top level and
/// inside AND/OR without a NOT above) NULL and false both leave a row out, so the bare, indexable
/// form is used, as the SQLite store's `QuerySQL` does. Text keys compare as text in the "C"
/// collation (their UTF-8 bytes, as `FilterKey` orders them); every other class compares as jsonb
/// numbers, which PostgreSQL compares exactly, never through a cast that could fail on another
/// row's text.
///
/// This file is the one to swap when records move to typed per-object tables.
struct PostgresQuerySQL {
    private(set) var sql = ""
    private(set) var bindings = PostgresBindings()
    /// Each distinct value is bound once and its placeholder reused.
    private var placeholders: [Bound: String] = [:]

    private enum Bound: Hashable {
        case text(String)
        case integer(Int)
    }

    /// The rank of text keys: they compare as text, every other class as jsonb.
    private static let textRank = FilterKey.text("").rank

    /// - Precondition: `query.checkLogic()` passed.
    /// - Parameter table: the schema-qualified table, built from a checked `PostgresSchemaName`.
    /// - Parameter locking: add `FOR UPDATE` (inside a transaction that asked for row locks).
    init(_ query: RecordQuery, table: String, locking: Bool) {
        sql = "SELECT id, object, fields::text FROM \(table) WHERE lower(object) = lower(\(bind(.text(query.object))))"
        if !query.filters.isEmpty {
            sql += " AND "
            appendLogic(query.logic ?? .all(query.filters.count), filters: query.filters, nullSafe: false)
        }
        if let sort = query.sort {
            appendSort(sort)
        } else {
            sql += " ORDER BY seq"
        }
        if let limit = query.limit { sql += " LIMIT \(bind(.integer(max(limit, 0))))" }
        if locking { sql += " FOR UPDATE" }
    }

    var postgresQuery: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }

    // MARK: - Parameters

    private mutating func bind(_ value: Bound) -> String {
        if let placeholder = placeholders[value] { return placeholder }
        switch value {
        case .text(let text): bindings.append(text)
        case .integer(let number): bindings.append(number)
        }
        let placeholder = "$\(bindings.count)"
        placeholders[value] = placeholder
        return placeholder
    }

    // MARK: - Field expressions

    /// The field's storage key as SQL: a literal when `PostgresStoredFields.literalKey` allows
    /// it (only `[a-z0-9_%]`, so nothing in it can end or escape the literal), else bound.
    private mutating func fieldKey(_ field: String) -> String {
        let key = PostgresStoredFields.storageKey(field)
        if let literal = PostgresStoredFields.literalKey(key) { return literal }
        return bind(.text(key))
    }

    /// A field's class (`c`), an integer or NULL. `Id` is the `id` column, always text.
    private mutating func classOf(_ field: String) -> String {
        if field.lowercased() == "id" { return "(\(Self.textRank)::int)" }
        return PostgresStoredFields.classExpression(keySQL: fieldKey(field))
    }

    /// A field's key as text, in the "C" collation (only meaningful where the class is text).
    /// For `Id`, the column lowercased as `FilterKey` lowercases text (Ids are ASCII).
    private mutating func textKey(_ field: String) -> String {
        if field.lowercased() == "id" { return "(lower(id) COLLATE \"C\")" }
        return PostgresStoredFields.textKeyExpression(keySQL: fieldKey(field))
    }

    /// A field's key as jsonb (only meaningful where the class is not text). `Id` has none.
    private mutating func jsonKey(_ field: String) -> String {
        if field.lowercased() == "id" { return "NULL::jsonb" }
        return PostgresStoredFields.jsonKeyExpression(keySQL: fieldKey(field))
    }

    /// A filter value's key, to compare with `keyExpression(field, rank:)`.
    private mutating func value(_ key: FilterKey) -> String {
        if case .text(let text) = key { return bind(.text(text)) }
        // Exact decimal text cast to jsonb: the same number the stored key holds, compared exactly.
        // (Candidates are never opaque; were one to come, JSON null equals no stored key.)
        guard let number = PostgresStoredFields.numericKey(key) else { return "'null'::jsonb" }
        return "\(bind(.text(number.description)))::jsonb"
    }

    private mutating func keyExpression(_ field: String, rank: Int) -> String {
        rank == Self.textRank ? textKey(field) : jsonKey(field)
    }

    // MARK: - Logic

    /// - Parameter nullSafe: whether the result must be true or false, never NULL (under a `NOT`).
    private mutating func appendLogic(_ logic: ConditionLogic, filters: [RecordFilter], nullSafe: Bool) {
        switch logic {
        case .condition(let number):
            if filters.indices.contains(number - 1) {
                appendFilter(filters[number - 1], nullSafe: nullSafe)
            } else {
                sql += "false"
            }
        case .and(let parts): appendJoined(parts, joiner: " AND ", whenEmpty: "true", filters: filters, nullSafe: nullSafe)
        case .or(let parts): appendJoined(parts, joiner: " OR ", whenEmpty: "false", filters: filters, nullSafe: nullSafe)
        case .not(let inner):
            sql += "(NOT "
            appendLogic(inner, filters: filters, nullSafe: true)
            sql += ")"
        }
    }

    private mutating func appendJoined(
        _ parts: [ConditionLogic], joiner: String, whenEmpty: String, filters: [RecordFilter], nullSafe: Bool
    ) {
        guard !parts.isEmpty else {
            sql += whenEmpty
            return
        }
        sql += "("
        for (index, part) in parts.enumerated() {
            if index > 0 { sql += joiner }
            appendLogic(part, filters: filters, nullSafe: nullSafe)
        }
        sql += ")"
    }

    /// One filter: bare (NULL where SQL does not know) unless `nullSafe`. Negations wrap an
    /// expression that is never NULL, so `NotEqualTo` is exactly `NOT EqualTo` and keeps null
    /// fields, as SOQL does.
    private mutating func appendFilter(_ filter: RecordFilter, nullSafe: Bool) {
        switch filter.op {
        case .equalTo: sql += guarded(nullSafe, among(filter.field, [filter.value]))
        case .notEqualTo: sql += "(NOT \(neverNull(among(filter.field, [filter.value]))))"
        case .in: sql += guarded(nullSafe, among(filter.field, filter.listItems))
        case .notIn: sql += "(NOT \(neverNull(among(filter.field, filter.listItems))))"
        case .greaterThan, .lessThan, .greaterThanOrEqualTo, .lessThanOrEqualTo:
            sql += guarded(nullSafe, ordering(filter))
        case .startsWith, .endsWith, .contains:
            sql += guarded(nullSafe, text(filter))
        case .isNull:
            switch filter.wantsNull {
            case true?: sql += "(\(classOf(filter.field)) IS NULL)"
            case false?: sql += "(\(classOf(filter.field)) IS NOT NULL)"
            case nil: sql += "false"
            }
        }
    }

    private func neverNull(_ expression: String) -> String { "COALESCE(\(expression), false)" }

    private func guarded(_ nullSafe: Bool, _ expression: String) -> String {
        nullSafe ? neverNull(expression) : expression
    }

    /// The field equals one of `items`: a null item finds a null field; every other item
    /// matches through its candidate keys, grouped by class into `IN` lists.
    private mutating func among(_ field: String, _ items: [FlowValue]) -> String {
        if field.lowercased() == "id" { return idAmong(items) }
        var alternatives: [String] = []
        if items.contains(where: { FilterKey($0) == nil }) {
            alternatives.append("\(classOf(field)) IS NULL")
        }
        var byRank: [Int: [FilterKey]] = [:]
        var seen: Set<FilterKey> = []
        // In item order, so the same query always makes the same SQL text.
        for key in items.flatMap(FilterKey.candidates) where seen.insert(key).inserted {
            byRank[key.rank, default: []].append(key)
        }
        for rank in byRank.keys.sorted() {
            guard let keys = byRank[rank] else { continue }
            let list = keys.map { value($0) }.joined(separator: ", ")
            alternatives.append(
                "(\(classOf(field)) = \(rank) AND \(keyExpression(field, rank: rank)) IN (\(list)))")
        }
        guard !alternatives.isEmpty else { return "false" }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// `among` for `Id`, which is never null and always text: the lowercased column among the
    /// text candidates, never NULL itself, so the planner can use the Id index.
    private mutating func idAmong(_ items: [FlowValue]) -> String {
        var seen: Set<String> = []
        var texts: [String] = []
        for key in items.flatMap(FilterKey.candidates) {
            if case .text(let text) = key, seen.insert(text).inserted { texts.append(text) }
        }
        guard !texts.isEmpty else { return "false" }
        let list = texts.map { bind(.text($0)) }.joined(separator: ", ")
        return "(\(textKey("Id")) IN (\(list)))"
    }

    /// `>`, `<`, `>=`, `<=` against the candidate key of the field's own class.
    private mutating func ordering(_ filter: RecordFilter) -> String {
        let sqlOperator =
            switch filter.op {
            case .greaterThan: ">"
            case .lessThan: "<"
            case .greaterThanOrEqualTo: ">="
            default: "<="
            }
        let candidates = FilterKey.candidates(for: filter.value)
        guard !candidates.isEmpty else { return "false" }
        let alternatives = candidates.map { key in
            "(\(classOf(filter.field)) = \(key.rank) AND "
                + "\(keyExpression(filter.field, rank: key.rank)) \(sqlOperator) \(value(key)))"
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// `StartsWith`/`EndsWith`/`Contains` on the lowercased text key, by characters (which agree
    /// with the in-memory byte search on valid UTF-8). No LIKE: its wildcards would need escaping.
    private mutating func text(_ filter: RecordFilter) -> String {
        guard let needle = filter.textNeedle else { return "false" }
        let isText = "\(classOf(filter.field)) = \(Self.textRank)"
        guard !needle.isEmpty else { return "(\(isText))" }
        let key = textKey(filter.field)
        let pin = bind(.text(needle))
        switch filter.op {
        case .startsWith: return "(\(isText) AND starts_with(\(key), \(pin)))"
        case .contains: return "(\(isText) AND strpos(\(key), \(pin)) > 0)"
        default: return "(\(isText) AND right(\(key), char_length(\(pin))) = \(pin))"
        }
    }

    // MARK: - Sort

    /// By class (null first ascending, last descending: SOQL's defaults, which are not
    /// PostgreSQL's), then by the key of that class, then in creation order. The two key columns
    /// are each NULL outside their classes, so text never sorts by jsonb's collation and numbers
    /// that tie never sort by their text.
    private mutating func appendSort(_ sort: RecordSort) {
        let direction = sort.ascending ? "ASC" : "DESC"
        let nulls = sort.ascending ? "NULLS FIRST" : "NULLS LAST"
        let rank = classOf(sort.field)
        let isText = "\(rank) = \(Self.textRank)"
        sql += " ORDER BY \(rank) \(direction) \(nulls), "
        sql += "(CASE WHEN \(isText) THEN NULL ELSE \(jsonKey(sort.field)) END) \(direction), "
        sql += "(CASE WHEN \(isText) THEN \(textKey(sort.field)) END) \(direction), seq"
    }
}
