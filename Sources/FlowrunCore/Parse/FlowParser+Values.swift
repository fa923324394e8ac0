import Foundation

extension FlowParser {
    /// Reads a `FlowElementReferenceOrValue` (`<value>`, `<rightValue>`, `<defaultValue>`):
    /// exactly one typed child. An empty `<value/>` is nil (null). `declared` is the type of
    /// whatever receives the value, used to read `<stringValue>` text for it.
    mutating func value(_ node: XMLElement_?, as declared: FlowDataType? = nil) -> Expression? {
        guard let node else { return nil }
        guard let child = node.children.first else {
            return nil
        }
        let text = child.text
        let at = child.textLocation
        switch child.name {
        case "stringValue":
            if text.contains("{!") { return Expression(.template(text), at: at) }
            // A value left blank in Flow Builder is saved as an empty <stringValue/> and is null at
            // run time (Salesforce Help, Global Constant Resource: "If you don't give a text field
            // or variable a starting value, the value is null at run time"); "" is spelt
            // {!$GlobalConstant.EmptyString}.
            if text.isEmpty { return Expression(.literal(.null, .string), at: at) }
            return Expression(.literal(.string(text), .string), at: at)
        case "numberValue":
            guard let number = Decimal.parseStrict(child.trimmedText) else {
                diagnostics.append(.error("parse.badLiteral", "'\(child.trimmedText)' is not a number", at: at))
                return nil
            }
            return Expression(.literal(.number(number), .number), at: at)
        case "booleanValue":
            switch child.trimmedText.lowercased() {
            case "true": return Expression(.literal(.boolean(true), .boolean), at: at)
            case "false": return Expression(.literal(.boolean(false), .boolean), at: at)
            default:
                diagnostics.append(
                    .error("parse.badLiteral", "'\(child.trimmedText)' is not a boolean; use true or false", at: at))
                return nil
            }
        case "dateValue":
            guard let date = LocalDate(iso: child.trimmedText) else {
                diagnostics.append(
                    .error("parse.badLiteral", "'\(child.trimmedText)' is not a date like 2024-05-01", at: at))
                return nil
            }
            return Expression(.literal(.date(date), .date), at: at)
        case "dateTimeValue":
            guard let instant = Date(isoText: child.trimmedText) else {
                diagnostics.append(
                    .error(
                        "parse.badLiteral", "'\(child.trimmedText)' is not a date-time like 2024-05-01T09:30:00.000Z",
                        at: at))
                return nil
            }
            return Expression(.literal(.dateTime(instant), .dateTime), at: at)
        case "timeValue":
            guard let time = TimeOfDay(iso: child.trimmedText) else {
                diagnostics.append(.error("parse.badLiteral", "'\(child.trimmedText)' is not a time like 09:30:00", at: at))
                return nil
            }
            return Expression(.literal(.time(time), .time), at: at)
        case "elementReference":
            return Expression(.reference(ReferencePath(parsing: child.trimmedText)), at: at)
        case "setupReference":
            // A setup object (a service channel, a bot, a queue…) named by its API name, with
            // <setupReferenceType> saying which kind. flowrun has no org setup to resolve it in, so
            // the action it is given receives the API name as text.
            return Expression(.literal(.string(child.trimmedText), .string), at: at)
        case "formulaExpression", "formulaDataType":
            return Expression(.formula(text), at: at)
        default:
            diagnostics.append(
                .error(
                    "parse.unsupportedValue", "flowrun cannot read <\(child.name)> values yet", at: child.location))
            return nil
        }
    }
}
