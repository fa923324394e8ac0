/// The field names of a record, in the order they were first set, with their keys.
///
/// Records built alike share one layout (a query's rows, copies of one record), and a record
/// holds its values in an array in the layout's order: reading a field is finding its position,
/// by key (an integer compare per field) or by name.
///
/// A layout is changed only through a record that holds the only reference to it (copy on write,
/// as Swift's own collections do), so a layout that two records or two tasks can see is never
/// written; that is why it may be `Sendable` while it has `var`s.
public final class RecordLayout: @unchecked Sendable {
    /// The names as first spelled.
    public private(set) var names: [String]
    private(set) var keys: [Int32]
    /// Positions by spelling, kept once a layout has more names than a scan should compare.
    private var positions: [String: Int]?
    /// True when some name had no key (`FieldKey.capacity`): a miss by key is then not final.
    private(set) var hasUnresolvedKeys = false

    private static let scanLimit = 16

    /// A layout of these names, which must differ from each other (ignoring case).
    public init(names: [String]) {
        self.names = []
        self.keys = []
        names.forEach { append($0) }
    }

    private init(copying other: RecordLayout) {
        names = other.names
        keys = other.keys
        positions = other.positions
        hasUnresolvedKeys = other.hasUnresolvedKeys
    }

    func copy() -> RecordLayout { RecordLayout(copying: self) }

    var count: Int { names.count }

    /// Adds a name the layout does not hold; its position is the old `count`.
    func append(_ name: String) {
        let key = FieldKey(name)
        if !key.isResolved { hasUnresolvedKeys = true }
        names.append(name)
        keys.append(key.id)
        if positions != nil {
            positions?[name] = names.count - 1
        } else if names.count > Self.scanLimit {
            positions = Dictionary(names.enumerated().map { ($1, $0) }) { first, _ in first }
        }
    }

    /// The position of the field spelled exactly `name`.
    func position(spelled name: String) -> Int? {
        if let positions { return positions[name] }
        return names.firstIndex(of: name)
    }

    /// The position of `name` under any spelling.
    func position(of name: String) -> Int? {
        if let exact = position(spelled: name) { return exact }
        return names.firstIndex { FlowRecord.sameIgnoringCase($0, name) }
    }

    /// The position of the field with `key`, or nil when there is none; `name` is `key`'s name,
    /// used only when keys cannot decide (a name without a key).
    @inline(__always)
    func position(of key: FieldKey, named name: String) -> Int? {
        if key.isResolved {
            let found = keys.withUnsafeBufferPointer { keys -> Int? in
                for index in keys.indices where keys[index] == key.id { return index }
                return nil
            }
            if found != nil || !hasUnresolvedKeys { return found }
        }
        return position(of: name)
    }
}
