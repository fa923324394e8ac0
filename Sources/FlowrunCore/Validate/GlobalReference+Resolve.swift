extension GlobalReference {
    /// The global a `$…` path names, and the field path after it; nil when it names none.
    /// `$Record` is not here: it is a slot of record-triggered flows.
    static func resolve(_ path: ReferencePath) -> (GlobalReference, fields: [String])? {
        let field = path.parts.count > 1 ? path.parts[1].lowercased() : ""
        let rest = Array(path.parts.dropFirst(2))
        let global: GlobalReference?
        switch path.head.lowercased() {
        case "$flow":
            global =
                switch field {
                case "currentdate": .currentDate
                case "currentdatetime": .currentDateTime
                case "faultmessage": .faultMessage
                case "interviewguid": .interviewGuid
                case "interviewstarttime": .interviewStartTime
                case "currentstage": .currentStage
                case "activestages": .activeStages
                case "currentrecord": .currentRecord
                default: nil
                }
        case "$globalconstant":
            global =
                switch field {
                case "true": .constantTrue
                case "false": .constantFalse
                case "emptystring": .emptyString
                default: nil
                }
        case "$system": global = field == "origindatetime" ? .originDateTime : nil
        case "$user": return (.user, Array(path.fields))
        case _ where externalGlobals.contains(path.head.lowercased()):
            return (.external(path.head), Array(path.fields))
        default: global = nil
        }
        return global.map { ($0, rest) }
    }

    /// Globals whose values come from the org's settings (labels, custom settings, the organisation).
    static let externalGlobals: Set<String> = [
        "$label", "$setup", "$organization", "$profile", "$permission", "$api", "$userrole", "$client",
        "$custommetadata", "$orchestration",
    ]
}
