/// The data types a flow resource can be declared with (`<dataType>` in Flow metadata).
public enum FlowDataType: String, Sendable, Codable, CaseIterable {
    case string = "String"
    case number = "Number"
    case currency = "Currency"
    case boolean = "Boolean"
    case date = "Date"
    case dateTime = "DateTime"
    case time = "Time"
    case picklist = "Picklist"
    case multipicklist = "Multipicklist"
    case sObject = "SObject"
    case apex = "Apex"

    /// Types whose values are text at run time.
    public var isTextual: Bool { self == .string || self == .picklist || self == .multipicklist }

    /// Types whose values are numbers at run time.
    public var isNumeric: Bool { self == .number || self == .currency }
}
