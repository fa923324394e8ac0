extension Execution {
    /// Queries the dynamic choice sets of a screen about to be shown, as Salesforce does each
    /// time the screen appears.
    ///
    /// Record choice sets query the record store: each record is a choice labelled by
    /// `displayField` (else Name, else Id) with the value of `valueField` (else Id). flowrun has
    /// no org schema, so a picklist choice set offers the distinct values the field has in the
    /// store's records of that object, in the order they first appear.
    mutating func offerChoiceSets(for screen: CompiledScreen, in element: CompiledElement) async throws(FlowRuntimeError) {
        for field in screen.fields {
            for set in field.choiceSets {
                do {
                    try await offer(set, in: element)
                } catch let error as FlowRuntimeError {
                    throw error
                } catch {
                    throw FlowRuntimeError(
                        .unhandledFault, "choice set '\(set.name)': \(error)", elementName: element.name, location: element.location)
                }
            }
        }
    }

    private mutating func offer(_ set: CompiledChoiceSet, in element: CompiledElement) async throws {
        switch set.source {
        case .records(let object, let displayField, let valueField):
            let query = RecordQuery(
                object: object, filters: try filters(set.filters), logic: set.logic, fields: nil, sort: set.sort, limit: set.limit)
            let records = try await self.records.query(query)
            report(.recordQuery(element: element.name, object: object, filters: traceText(of: query), rows: records.count))
            var choices: [ScreenFieldPrompt.Choice] = []
            for record in records {
                let value = record[valueField ?? "Id"]
                let label = record[displayField ?? "Name"].isNull ? record["Id"] : record[displayField ?? "Name"]
                let converted = (try? value.coerced(to: set.dataType)) ?? value
                choices.append(.init(name: record.id ?? label.displayText, label: label.displayText, value: converted))
            }
            interview.offeredChoices[set.name] = choices
            interview.offeredRecords[set.name] = records.map { .record($0) }
        case .picklist(let object, let field):
            let records = try await self.records.query(RecordQuery(object: object, filters: [], fields: [field]))
            var seen: Set<String> = []
            var choices: [ScreenFieldPrompt.Choice] = []
            for record in records {
                // A multi-select picklist value holds several values separated by semicolons.
                for value in record[field].displayText.split(separator: ";").map(String.init) where seen.insert(value).inserted {
                    choices.append(.init(name: value, label: value, value: .string(value)))
                }
            }
            interview.offeredChoices[set.name] = choices
            interview.offeredRecords[set.name] = []
        }
    }
}
