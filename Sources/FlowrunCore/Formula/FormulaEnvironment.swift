import Foundation

/// What a formula reads while it is evaluated: the values of the references it names and the clock.
/// (`SendableMetatype`: a compiled formula, `FormulaProgram`, is a `Sendable` closure generic over its environment.)
public protocol FormulaEnvironment: SendableMetatype {
    /// The value of a reference; `slot` is the bound index, or nil when unbound. May throw
    /// FormulaError (e.g. unknown field); an error with line 0 is placed at the reference.
    func value(of reference: ReferencePath, slot: Int?) throws(FormulaError) -> FlowValue
    /// The current instant for NOW(); TODAY() is its date in `timeZone`.
    var now: Date { get }
    /// The zone TODAY() and DATEVALUE(DateTime) read dates in (see `FlowTimeZone`).
    var timeZone: TimeZone { get }
}

extension FormulaEnvironment {
    public var timeZone: TimeZone { FlowTimeZone.utc }
}

/// A simple environment for tests and one-off evaluations: values keyed by the reference's text
/// (`"Amount"`, `"Get_User.MobilePhone"`, `"$Flow.CurrentDate"`), with a fixed clock.
///
/// A dotted reference not found as a whole is resolved by walking record fields from its longest
/// known prefix, so `["Get_User": .record(…)]` answers `Get_User.MobilePhone`. Names match
/// without regard to case, as Salesforce's do.
public struct DictionaryFormulaEnvironment: FormulaEnvironment, Sendable {
    public var values: [String: FlowValue]
    public var now: Date
    public var timeZone: TimeZone

    public init(_ values: [String: FlowValue] = [:], now: Date = Date(timeIntervalSince1970: 0), timeZone: TimeZone = FlowTimeZone.utc) {
        self.values = values
        self.now = now
        self.timeZone = timeZone
    }

    public func value(of reference: ReferencePath, slot: Int?) throws(FormulaError) -> FlowValue {
        let parts = reference.parts
        var prefixLength = parts.count
        while prefixLength > 0 {
            let key = parts[0..<prefixLength].joined(separator: ".")
            if let found = lookUp(key) {
                return try Self.walk(found, through: parts[prefixLength...], of: reference)
            }
            prefixLength -= 1
        }
        throw .unplaced("Unknown reference '\(reference)'")
    }

    private func lookUp(_ key: String) -> FlowValue? {
        if let value = values[key] { return value }
        let lowered = key.lowercased()
        return values.first { $0.key.lowercased() == lowered }?.value
    }

    /// Follows field names into records; a null parent yields null, as a blank lookup does in Salesforce.
    static func walk(_ start: FlowValue, through fields: ArraySlice<String>, of reference: ReferencePath)
        throws(FormulaError) -> FlowValue
    {
        var current = start
        for field in fields {
            switch current {
            case .null: return .null
            case .record(let record):
                guard record.hasField(field) else {
                    throw .unplaced("'\(reference)': the record has no field '\(field)'")
                }
                current = record[field]
            default:
                throw .unplaced("'\(reference)': a \(current.kindName) has no field '\(field)'")
            }
        }
        return current
    }
}
