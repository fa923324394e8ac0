import FlowrunCore
import Synchronization

/// The SQL text of each Get Records query *shape* the store has compiled, so a query asked again
/// with other values binds new arguments to the text it had instead of building it again
/// (building it was about a tenth of an in-memory SMS interview; BENCHMARKS.md, sms2fa interviews).
///
/// A shape is everything the text depends on: the table's layout, the query with its values
/// taken out, and each choice `QuerySQL` made from a value (a null among `In` items, how many
/// candidate keys, their classes, an empty needle). `QuerySQL` records those choices when it
/// only gathers arguments, and the text cached for a shape was built by the same code making the
/// same choices, so a hit is the text a full compile would give.
final class QueryTextCache: Sendable {
    struct Shape: Hashable, Sendable {
        var table: TableInfo
        var query: RecordQuery
        var choices: [Int]

        init(table: TableInfo, query: RecordQuery, choices: [Int]) {
            self.table = table
            var blank = query
            blank.filters = query.filters.map { RecordFilter(field: $0.field, op: $0.op, value: .null) }
            blank.limit = query.limit.map { _ in 0 }
            blank.locking = false
            self.query = blank
            self.choices = choices
        }

        /// The layout's field names are compared on a hit but not hashed: the object, the field
        /// count and the query tell shapes apart well enough, for less work per query.
        func hash(into hasher: inout Hasher) {
            hasher.combine(table.objectName)
            hasher.combine(table.fields.count)
            hasher.combine(query)
            hasher.combine(choices)
        }
    }

    struct Text: Sendable {
        var sql: String
        var columns: [(key: String, name: String)]
    }

    /// Enough for every query of the flows one server runs; past it the cache starts again,
    /// so flows that make endless shapes (custom logic built at run time) cannot grow it.
    private static let capacity = 512
    private let texts = Mutex<[Shape: Text]>([:])

    subscript(shape: Shape) -> Text? {
        texts.withLock { $0[shape] }
    }

    func remember(_ text: Text, for shape: Shape) {
        texts.withLock { texts in
            if texts.count >= Self.capacity { texts.removeAll() }
            texts[shape] = text
        }
    }
}
