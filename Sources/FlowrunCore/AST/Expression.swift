/// A value as a flow element writes it (`FlowElementReferenceOrValue`): a literal, a reference
/// to a resource, or (in a few places) a formula expression.
public struct Expression: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `<stringValue>`, `<numberValue>`, `<booleanValue>`, `<dateValue>`, `<dateTimeValue>`, `<timeValue>`.
        case literal(FlowValue, FlowDataType)
        /// `<elementReference>Get_User.MobilePhone</elementReference>`.
        case reference(ReferencePath)
        /// `<formulaExpression>` (validation rules) or a formula written inline.
        case formula(String)
        /// A `<stringValue>` that contains `{!merge}` fields, rendered as text at run time.
        case template(String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}
