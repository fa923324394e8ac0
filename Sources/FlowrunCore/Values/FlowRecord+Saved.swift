extension FlowRecord {
    /// The record as Salesforce returns it from the database: a blank Text field is null, never ""
    /// (an org saves blank text as null, and SOQL reads it back so). Get Records hands this to the
    /// flow, so `Is Null` is true for a blank field read from the store, whatever the fixture wrote.
    public var asSaved: FlowRecord {
        var copy = self
        for (name, value) in namedFields where value.stringValue == "" { copy[name] = .null }
        return copy
    }
}
