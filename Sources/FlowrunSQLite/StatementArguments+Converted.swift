import GRDB

extension StatementArguments {
    /// Arguments from values already converted. GRDB's initializer for a sequence of one
    /// convertible type maps it through a generic key path, which the runtime instantiates again
    /// on every call: 3% of an in-memory SMS interview (BENCHMARKS.md, session 7).
    init(converted values: [DatabaseValue]) {
        self.init(values.lazy.map { $0 as (any DatabaseValueConvertible)? })
    }
}
