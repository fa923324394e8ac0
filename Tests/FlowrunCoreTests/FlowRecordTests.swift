import FlowrunCore
import Testing

/// A record's fields sit in an array in the order of a shared `RecordLayout`; these are the
/// behaviours it kept from when a record was a dictionary, and the ones the layout adds.
@Suite struct FlowRecordTests {
    /// Salesforce field names ignore case; the spelling first written is the one kept.
    @Test func fieldsAreFoundWhateverTheCaseAndKeepTheirFirstSpelling() {
        var record = FlowRecord(objectType: "User")
        record["MobilePhone"] = "+15555550100"
        record["mobilephone"] = "+15555550199"
        #expect(record["MOBILEPHONE"] == "+15555550199")
        #expect(record.storedName(of: "mobilePHONE") == "MobilePhone")
        #expect(record.fields == ["MobilePhone": "+15555550199"])
        #expect(record.fieldCount == 1)
        #expect(record["Email"] == .null)
        #expect(!record.hasField("Email"))
        // Non-ASCII names fold as `lowercased()` does.
        record["Überweisung__c"] = 1
        #expect(record["überweisung__C"] == 1)
    }

    @Test func fieldsKeepTheOrderTheyWereFirstSet() {
        var record = FlowRecord()
        for name in ["Zeta", "Alpha", "Mid"] { record[name] = .string(name.lowercased()) }
        record["alpha"] = "again"
        #expect(record.namedFields.map(\.0) == ["Zeta", "Alpha", "Mid"])
        #expect(record.namedFields.map(\.1) == ["zeta", "again", "mid"])
    }

    /// Two records are equal with the same fields whatever order they were set in, and hash alike
    /// (as dictionaries did); a different spelling is a different record, as it was.
    @Test func equalityAndHashIgnoreTheOrderOfFields() {
        var first = FlowRecord(objectType: "Account")
        first["Name"] = "Acme"
        first["Phone"] = "555"
        var second = FlowRecord(objectType: "Account")
        second["Phone"] = "555"
        second["Name"] = "Acme"
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)

        var respelled = FlowRecord(objectType: "Account")
        respelled["name"] = "Acme"
        respelled["Phone"] = "555"
        #expect(first != respelled)
        second["Name"] = "Acme Corp"
        #expect(first != second)
        #expect(FlowRecord(objectType: "Contact", fields: ["Name": "Acme", "Phone": "555"]) != first)
    }

    /// Records made from one layout share it; adding a field to one copies the layout for it
    /// alone, and writing a value never reaches the other record.
    @Test func recordsSharingALayoutStayIndependent() {
        let layout = RecordLayout(names: ["Id", "Name"])
        let first = FlowRecord(objectType: "Account", layout: layout, values: ["001A", "Acme"])
        var second = FlowRecord(objectType: "Account", layout: layout, values: ["001B", "Globex"])
        second["Industry"] = "Energy"
        second["name"] = "Globex Corp"
        #expect(first.fields == ["Id": "001A", "Name": "Acme"])
        #expect(second.fields == ["Id": "001B", "Name": "Globex Corp", "Industry": "Energy"])
        #expect(layout.names == ["Id", "Name"])
        var copy = first
        copy["Rating"] = "Hot"
        #expect(!first.hasField("Rating"))
        #expect(copy["rating"] == "Hot")
    }

    /// Past sixteen fields the layout finds names through an index rather than a scan.
    @Test func largeRecordsFindEveryField() {
        var record = FlowRecord(objectType: "Wide__c")
        for index in 0..<40 { record["Field\(index)__c"] = .number(.init(index)) }
        for index in 0..<40 {
            #expect(record["field\(index)__C"] == .number(.init(index)))
            #expect(record.storedName(of: "FIELD\(index)__C") == "Field\(index)__c")
        }
        record["Field7__c"] = "seven"
        #expect(record["field7__c"] == "seven")
        #expect(record.fieldCount == 40)
        #expect(record["Field40__c"] == .null)
    }

    @Test func everySpellingOfANameHasOneKey() {
        #expect(FieldKey("Amount") == FieldKey("AMOUNT"))
        #expect(FieldKey("amount") == FieldKey("Amount"))
        #expect(FieldKey("Amount") != FieldKey("Amounts"))
        #expect(FieldKey("Account.Name") != FieldKey("Name"))
    }
}
