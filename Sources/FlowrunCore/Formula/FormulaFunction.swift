/// The built-in functions, resolved from their names once at parse time so evaluation
/// dispatches on an enum case instead of a string.
enum FormulaFunction: String, Sendable, Hashable, CaseIterable {
    // Logical
    case `if` = "IF"
    case `case` = "CASE"
    case and = "AND"
    case or = "OR"
    case not = "NOT"
    case isBlank = "ISBLANK"
    case isNull = "ISNULL"
    case blankValue = "BLANKVALUE"
    case nullValue = "NULLVALUE"
    case isNumber = "ISNUMBER"
    case isPickval = "ISPICKVAL"
    case includes = "INCLUDES"
    // Text
    case text = "TEXT"
    case value = "VALUE"
    case len = "LEN"
    case left = "LEFT"
    case right = "RIGHT"
    case mid = "MID"
    case find = "FIND"
    case substitute = "SUBSTITUTE"
    case trim = "TRIM"
    case upper = "UPPER"
    case lower = "LOWER"
    case begins = "BEGINS"
    case contains = "CONTAINS"
    case reverse = "REVERSE"
    case br = "BR"
    case lpad = "LPAD"
    case rpad = "RPAD"
    case regex = "REGEX"
    case hyperlink = "HYPERLINK"
    case caseSafeID = "CASESAFEID"
    case initCap = "INITCAP"
    case htmlEncode = "HTMLENCODE"
    case jsEncode = "JSENCODE"
    case urlEncode = "URLENCODE"
    // Math
    case round = "ROUND"
    case abs = "ABS"
    case max = "MAX"
    case min = "MIN"
    case mod = "MOD"
    case floor = "FLOOR"
    case ceiling = "CEILING"
    case mfloor = "MFLOOR"
    case mceiling = "MCEILING"
    case sqrt = "SQRT"
    case exp = "EXP"
    case ln = "LN"
    case log = "LOG"
    case trunc = "TRUNC"
    // Date and time
    case now = "NOW"
    case today = "TODAY"
    case date = "DATE"
    case dateValue = "DATEVALUE"
    case dateTimeValue = "DATETIMEVALUE"
    case year = "YEAR"
    case month = "MONTH"
    case day = "DAY"
    case hour = "HOUR"
    case minute = "MINUTE"
    case second = "SECOND"
    case millisecond = "MILLISECOND"
    case weekday = "WEEKDAY"
    case addMonths = "ADDMONTHS"
    case timeValue = "TIMEVALUE"
    case timeNow = "TIMENOW"
    case dayOfYear = "DAYOFYEAR"
    case isoWeek = "ISOWEEK"
    case isoYear = "ISOYEAR"
    case unixTimestamp = "UNIXTIMESTAMP"
    case fromUnixTime = "FROMUNIXTIME"
    // Record-triggered flows: the record against `$Record__Prior`
    case isNew = "ISNEW"
    case isChanged = "ISCHANGED"
    case priorValue = "PRIORVALUE"

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
