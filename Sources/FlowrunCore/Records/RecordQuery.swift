/// A comparison a record filter makes (`<operator>` inside `<filters>`).
public enum FilterOperator: String, Sendable, Codable, CaseIterable {
    case equalTo = "EqualTo"
    case notEqualTo = "NotEqualTo"
    case greaterThan = "GreaterThan"
    case lessThan = "LessThan"
    case greaterThanOrEqualTo = "GreaterThanOrEqualTo"
    case lessThanOrEqualTo = "LessThanOrEqualTo"
    case startsWith = "StartsWith"
    case endsWith = "EndsWith"
    case contains = "Contains"
    case isNull = "IsNull"
    case `in` = "In"
    case notIn = "NotIn"
}

/// One filter of a record query, its value already evaluated: `MobilePhone EqualTo "+1555…"`.
public struct RecordFilter: Sendable, Hashable {
    public var field: String
    public var op: FilterOperator
    /// For `isNull`, a Boolean (true: the field is null); for `in`/`notIn`, a collection.
    public var value: FlowValue

    public init(field: String, op: FilterOperator, value: FlowValue) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// How a list of conditions combine: all, any, or custom logic such as `1 AND (2 OR NOT 3)`.
public indirect enum ConditionLogic: Sendable, Hashable {
    /// Condition n, 1-based as in Salesforce's custom logic.
    case condition(Int)
    case and([ConditionLogic])
    case or([ConditionLogic])
    case not(ConditionLogic)

    /// All of `count` conditions.
    public static func all(_ count: Int) -> ConditionLogic { .and((1...max(count, 1)).map { .condition($0) }) }

    /// Any of `count` conditions.
    public static func any(_ count: Int) -> ConditionLogic { .or((1...max(count, 1)).map { .condition($0) }) }

    /// Evaluates the logic, asking `condition` for each numbered condition it needs (short-circuit).
    public func evaluate<E: Error>(_ condition: (Int) throws(E) -> Bool) throws(E) -> Bool {
        switch self {
        case .condition(let number): return try condition(number)
        case .and(let parts):
            for index in parts.indices where try !parts[index].evaluate(condition) { return false }
            return true
        case .or(let parts):
            for index in parts.indices where try parts[index].evaluate(condition) { return true }
            return false
        case .not(let inner): return try !inner.evaluate(condition)
        }
    }

    /// The condition numbers the logic mentions.
    public var conditionNumbers: Set<Int> {
        switch self {
        case .condition(let number): [number]
        case .and(let parts), .or(let parts): parts.reduce(into: []) { $0.formUnion($1.conditionNumbers) }
        case .not(let inner): inner.conditionNumbers
        }
    }
}

/// The sort a record query asks for.
public struct RecordSort: Sendable, Hashable {
    public var field: String
    public var ascending: Bool

    public init(field: String, ascending: Bool) {
        self.field = field
        self.ascending = ascending
    }
}

/// A Get Records query with every value evaluated, ready for a `RecordStore`.
public struct RecordQuery: Sendable, Hashable {
    public var object: String
    public var filters: [RecordFilter]
    /// How `filters` combine; nil means all of them.
    public var logic: ConditionLogic?
    /// The fields wanted; nil means all fields.
    public var fields: [String]?
    public var sort: RecordSort?
    public var limit: Int?
    /// Lock the rows found until the transaction ends (SOQL's `FOR UPDATE`): the interpreter asks
    /// for it when the flow may write what it reads, so a read-modify-write of a counter cannot
    /// interleave with another transaction's. Stores that run one writing transaction at a time
    /// (SQLite, in memory) are already serialised and ignore it.
    public var locking: Bool

    public init(
        object: String, filters: [RecordFilter] = [], logic: ConditionLogic? = nil, fields: [String]? = nil,
        sort: RecordSort? = nil, limit: Int? = nil, locking: Bool = false
    ) {
        self.object = object
        self.filters = filters
        self.logic = logic
        self.fields = fields
        self.sort = sort
        self.limit = limit
        self.locking = locking
    }
}
