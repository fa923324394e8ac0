import Synchronization

/// A field name resolved once to a small number, ignoring case as Salesforce does: `Amount`,
/// `amount` and `AMOUNT` have one key. The interpreter resolves the fields a flow names to keys
/// when it lowers the flow, so reading `Opp.Amount` compares integers instead of hashing text.
///
/// Keys are interned in one table for the process. It stops growing at `capacity` names, so that
/// records with endless made-up field names cannot make it grow without bound; a name past that
/// has no key (`isResolved` is false) and is found by its spelling instead.
public struct FieldKey: Sendable, Hashable {
    let id: Int32

    /// The key of `name`: the one every spelling of it shares.
    public init(_ name: String) { id = Self.intern(name) }

    /// False when the table was full: such a key matches nothing, and readers use the name.
    var isResolved: Bool { id >= 0 }

    static let capacity = 1 << 16

    private struct Table {
        /// Keys by spelling as seen: each new spelling costs one folding, then it is a hash look-up.
        var bySpelling: [String: Int32] = [:]
        /// Keys by folded (lower-cased) spelling, which decides which spellings are one name.
        var byFolded: [String: Int32] = [:]
    }

    private static let table = Mutex(Table())

    private static func intern(_ name: String) -> Int32 {
        table.withLock { table in
            if let id = table.bySpelling[name] { return id }
            let folded = name.lowercased()
            if let id = table.byFolded[folded] {
                if table.bySpelling.count < capacity { table.bySpelling[name] = id }
                return id
            }
            guard table.byFolded.count < capacity else { return -1 }
            let id = Int32(table.byFolded.count)
            table.byFolded[folded] = id
            table.bySpelling[name] = id
            return id
        }
    }
}
