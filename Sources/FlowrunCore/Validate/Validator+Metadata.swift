extension ValidationRun {
    /// Warns about each field a record element writes or filters on that the project's metadata
    /// says `object` does not have. A warning, not an error: the metadata in a project may be
    /// partial (a standard object's source lists only customised fields, see
    /// `ObjectDefinition.declares`), and without metadata for the object nothing is said.
    mutating func checkFieldsAgainstMetadata(
        of object: String?, _ fields: [(name: String, location: SourceLocation)]
    ) {
        guard let object, let definition = metadata.object(named: object) else { return }
        for field in fields where !field.name.contains(".") {
            guard definition.declares(field.name) == false else { continue }
            let names = definition.fields.values.map(\.name).sorted()
            let hint = Suggestion.closest(to: field.name, in: names).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(
                .warning(
                    "validate.unknownField",
                    "\(definition.name) has no field '\(field.name)' in the project's metadata\(hint)",
                    at: field.location))
        }
    }

    /// The fields of filters, each located at its name.
    func namedFields(_ filters: [RecordFilterSpec]) -> [(name: String, location: SourceLocation)] {
        filters.map { ($0.field, $0.fieldLocation ?? $0.location) }
    }

    /// The fields of input assignments, each located at its name.
    func namedFields(_ assignments: [FieldAssignment]) -> [(name: String, location: SourceLocation)] {
        assignments.map { ($0.field, $0.fieldLocation ?? $0.location) }
    }
}
