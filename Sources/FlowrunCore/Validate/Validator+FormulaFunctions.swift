extension ValidationRun {
    /// Functions flowrun's formula engine knows (other Salesforce formulas use them) that a flow
    /// formula may not call, so Salesforce refuses to save the flow. Salesforce Help, *Flow Formula
    /// Considerations*: "These functions aren't supported in a flow formula: GETRECORDIDS, IMAGE,
    /// INCLUDES, PARENTGROUPVAL, PREVGROUPVAL, PRIORVALUE, REQUIRE SCRIPT, VLOOKUP". The ones
    /// flowrun cannot even parse (IMAGE, VLOOKUP, …) are refused by the formula parser
    /// (`FormulaFunction.unsupportedNames`); these are the ones it can.
    ///
    /// ISNEW, ISCHANGED and PRIORVALUE compare `$Record` with `$Record__Prior`, which only a
    /// record-triggered flow has. PRIORVALUE is in the list above, yet Salesforce documents it in a
    /// record-triggered flow's formula entry condition ("How Entry Conditions Work in
    /// Record-Triggered Flows"); flowrun allows it there and nowhere else.
    mutating func reportRefusedFunctions(in formula: Formula, at location: SourceLocation, entryCondition: Bool) {
        let recordTriggered = flow.start?.triggerType.map { $0.hasPrefix("Record") } ?? false
        for call in formula.calls {
            let reason: String
            switch call.function {
            case .includes:
                reason = "INCLUDES isn't supported in a flow formula (Salesforce Help, Flow Formula Considerations)"
            case .priorValue where !entryCondition:
                reason =
                    "PRIORVALUE isn't supported in a flow formula (Salesforce Help, Flow Formula Considerations) "
                    + "except in a record-triggered flow's entry condition; read {!$Record__Prior.Field} instead"
            case .isNew where !recordTriggered, .isChanged where !recordTriggered:
                reason =
                    "\(call.function.name) needs the record that triggered the flow, so only a record-triggered "
                    + "flow may call it"
            default: continue
            }
            let at = position(in: formula.source, line: call.line, column: call.column, from: location)
            diagnostics.append(.error("validate.unsupportedFunction", "formula: \(reason); Salesforce will not save the flow", at: at))
        }
    }
}
