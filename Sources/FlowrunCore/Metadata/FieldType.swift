/// A field's type as `.field-meta.xml` writes it (`<type>Picklist</type>`).
///
/// Types flowrun does not check (`Location`, `AutoNumber`, `Summary`, …) are still named, so a
/// check can tell "unknown to flowrun" from "no type given" (standard fields often give none).
public enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case text, textArea, longTextArea, html, encryptedText
    case email, phone, url
    case number, currency, percent
    case checkbox
    case date, dateTime, time
    case picklist, multiselectPicklist
    case lookup, masterDetail, hierarchy
    case autoNumber, summary, location, address
    /// Any other `<type>` (`ExternalLookup`, `MetadataRelationship`, …), kept as written.
    case other(String)

    private static let byName: [String: FieldType] = [
        "text": .text, "textarea": .textArea, "longtextarea": .longTextArea, "html": .html,
        "encryptedtext": .encryptedText, "email": .email, "phone": .phone, "url": .url, "number": .number,
        "currency": .currency, "percent": .percent, "checkbox": .checkbox, "date": .date, "datetime": .dateTime,
        "time": .time, "picklist": .picklist, "multiselectpicklist": .multiselectPicklist, "lookup": .lookup,
        "masterdetail": .masterDetail, "hierarchy": .hierarchy, "autonumber": .autoNumber, "summary": .summary,
        "location": .location, "address": .address,
    ]

    /// The type named `name` in metadata (matched without regard to case).
    public init(metadataName name: String) {
        self = Self.byName[name.lowercased()] ?? .other(name)
    }

    /// The name metadata uses for it.
    public var description: String {
        switch self {
        case .text: "Text"
        case .textArea: "TextArea"
        case .longTextArea: "LongTextArea"
        case .html: "Html"
        case .encryptedText: "EncryptedText"
        case .email: "Email"
        case .phone: "Phone"
        case .url: "Url"
        case .number: "Number"
        case .currency: "Currency"
        case .percent: "Percent"
        case .checkbox: "Checkbox"
        case .date: "Date"
        case .dateTime: "DateTime"
        case .time: "Time"
        case .picklist: "Picklist"
        case .multiselectPicklist: "MultiselectPicklist"
        case .lookup: "Lookup"
        case .masterDetail: "MasterDetail"
        case .hierarchy: "Hierarchy"
        case .autoNumber: "AutoNumber"
        case .summary: "Summary"
        case .location: "Location"
        case .address: "Address"
        case .other(let name): name
        }
    }

    /// The flow type its values have at run time, when flowrun converts and checks them.
    public var valueType: FlowDataType? {
        switch self {
        case .text, .textArea, .longTextArea, .html, .encryptedText, .email, .phone, .url: .string
        case .picklist: .picklist
        case .multiselectPicklist: .multipicklist
        case .number, .percent: .number
        case .currency: .currency
        case .checkbox: .boolean
        case .date: .date
        case .dateTime: .dateTime
        case .time: .time
        case .lookup, .masterDetail, .hierarchy: .string
        case .autoNumber, .summary, .location, .address, .other: nil
        }
    }

    /// Whether the value is the Id of another record.
    public var isReference: Bool {
        switch self {
        case .lookup, .masterDetail, .hierarchy: true
        default: false
        }
    }

    /// The longest text Salesforce stores when the field gives no `<length>`: TextArea is always
    /// 255, Email 80, Phone 40, Url 255, a picklist value 255.
    var defaultMaximumLength: Int? {
        switch self {
        case .text, .textArea, .url, .picklist: 255
        case .email: 80
        case .phone: 40
        case .longTextArea, .html: 131_072
        case .encryptedText: 175
        default: nil
        }
    }
}
