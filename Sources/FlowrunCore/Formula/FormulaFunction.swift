/// The built-in functions, resolved from their names once at parse time so evaluation
/// dispatches on an enum case instead of a string.
enum FormulaFunction: String, Sendable, Hashable, CaseIterable {
    // Logical
    case `if` = "IF", `case` = "CASE", and = "AND", or = "OR", not = "NOT"
    case isBlank = "ISBLANK", isNull = "ISNULL", blankValue = "BLANKVALUE", nullValue = "NULLVALUE"
    case isNumber = "ISNUMBER", isPickval = "ISPICKVAL", includes = "INCLUDES"
    // Text
    case text = "TEXT", value = "VALUE", len = "LEN", left = "LEFT", right = "RIGHT", mid = "MID"
    case find = "FIND", substitute = "SUBSTITUTE", trim = "TRIM", upper = "UPPER", lower = "LOWER"
    case begins = "BEGINS", contains = "CONTAINS", reverse = "REVERSE", br = "BR"
    case lpad = "LPAD", rpad = "RPAD", regex = "REGEX", hyperlink = "HYPERLINK"
    case caseSafeID = "CASESAFEID", initCap = "INITCAP"
    case htmlEncode = "HTMLENCODE", jsEncode = "JSENCODE", urlEncode = "URLENCODE"
    // Math
    case round = "ROUND", abs = "ABS", max = "MAX", min = "MIN", mod = "MOD"
    case floor = "FLOOR", ceiling = "CEILING", mfloor = "MFLOOR", mceiling = "MCEILING"
    case sqrt = "SQRT", exp = "EXP", ln = "LN", log = "LOG", trunc = "TRUNC"
    // Date and time
    case now = "NOW", today = "TODAY", date = "DATE", dateValue = "DATEVALUE", dateTimeValue = "DATETIMEVALUE"
    case year = "YEAR", month = "MONTH", day = "DAY"
    case hour = "HOUR", minute = "MINUTE", second = "SECOND", millisecond = "MILLISECOND"
    case weekday = "WEEKDAY", addMonths = "ADDMONTHS", timeValue = "TIMEVALUE", timeNow = "TIMENOW"
    case dayOfYear = "DAYOFYEAR", isoWeek = "ISOWEEK", isoYear = "ISOYEAR"
    case unixTimestamp = "UNIXTIMESTAMP", fromUnixTime = "FROMUNIXTIME"
    // Record-triggered flows: the record against `$Record__Prior`
    case isNew = "ISNEW", isChanged = "ISCHANGED", priorValue = "PRIORVALUE"

    var name: String { rawValue }

    /// How many arguments the function takes; `maximum` nil means any number from `minimum` up.
    var arity: (minimum: Int, maximum: Int?) {
        switch self {
        case .now, .today, .br, .timeNow, .isNew: (0, 0)
        case .isChanged, .priorValue: (1, 1)
        case .not, .isBlank, .isNull, .isNumber, .text, .value, .len, .trim, .reverse, .caseSafeID, .initCap,
            .htmlEncode, .jsEncode, .urlEncode, .abs, .floor, .ceiling, .mfloor, .mceiling, .sqrt, .exp, .ln, .log,
            .dateValue, .dateTimeValue, .year, .month, .day, .hour, .minute, .second, .millisecond, .weekday,
            .timeValue, .dayOfYear, .isoWeek, .isoYear, .unixTimestamp, .fromUnixTime:
            (1, 1)
        case .upper, .lower: (1, 2)  // the optional second argument is a locale
        case .trunc: (1, 2)
        case .blankValue, .nullValue, .isPickval, .includes, .left, .right, .begins, .contains, .regex, .round,
            .mod, .addMonths:
            (2, 2)
        case .find, .lpad, .rpad, .hyperlink: (2, 3)
        case .if, .substitute, .mid, .date: (3, 3)
        case .and, .or, .max, .min: (1, nil)
        case .case: (4, nil)
        }
    }

    /// Why `count` arguments are wrong for this function, or nil when they are right.
    func arityProblem(_ count: Int) -> String? {
        let (minimum, maximum) = arity
        let expected: String
        if let maximum {
            if (minimum...maximum).contains(count) { return nil }
            expected = minimum == maximum ? "\(minimum)" : "\(minimum) to \(maximum)"
        } else {
            if count >= minimum {
                // CASE(expression, value1, result1, …, else_result): the pairs make the count even.
                if self == .case, !count.isMultiple(of: 2) {
                    return "Incorrect number of parameters for function 'CASE()'. Expected an expression, "
                        + "value-result pairs and an else result (an even number), received \(count)"
                }
                return nil
            }
            expected = "\(minimum) or more"
        }
        return "Incorrect number of parameters for function '\(name)()'. Expected \(expected), received \(count)"
    }

    private static let byName: [String: FormulaFunction] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The function called `name`, ignoring case.
    static func named(_ name: String) -> FormulaFunction? { byName[name.uppercased()] }

    /// Salesforce functions that exist but that flow formulas do not support, or that flowrun leaves out.
    static let unsupportedNames: Set<String> = [
        "ISCLONE", "GETSESSIONID", "IMAGE", "VLOOKUP", "GETRECORDIDS",
        "PARENTGROUPVAL", "PREVGROUPVAL", "REQUIRESCRIPT", "LINKTO", "URLFOR", "INCLUDE", "DISTANCE",
        "GEOLOCATION", "CURRENCYRATE", "JUNCTIONIDLIST", "JSINHTMLENCODE", "ISOWEEKDAY",
    ]

    /// The known function whose name is closest to `name`, if it is close enough to be a typo.
    static func suggestion(for name: String) -> FormulaFunction? {
        Suggestion.closest(to: name.uppercased(), in: allCases.map(\.rawValue)).flatMap(FormulaFunction.init(rawValue:))
    }
}
