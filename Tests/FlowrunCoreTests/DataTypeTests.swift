import FlowrunCore
import Foundation
import Testing

/// Variables of every Flow data type, single and collection, parse, check and run: defaults are
/// read in the declared type, inputs given as text are converted, scale rounds numbers.
@Suite struct DataTypeTests {
    typealias T = InterpreterTests

    static let declarations = """
        <variables><name>Text</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><stringValue>hello</stringValue></value></variables>
        <variables><name>Amount</name><dataType>Number</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><scale>2</scale></variables>
        <variables><name>Price</name><dataType>Currency</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><scale>2</scale><value><numberValue>9.99</numberValue></value></variables>
        <variables><name>Flag</name><dataType>Boolean</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><booleanValue>true</booleanValue></value></variables>
        <variables><name>Day</name><dataType>Date</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><dateValue>2024-02-29</dateValue></value></variables>
        <variables><name>Moment</name><dataType>DateTime</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><dateTimeValue>2024-05-01T09:30:00.000Z</dateTimeValue></value></variables>
        <variables><name>Clock</name><dataType>Time</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><timeValue>13:45:00.000Z</timeValue></value></variables>
        <variables><name>Stage</name><dataType>Picklist</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><stringValue>Prospecting</stringValue></value></variables>
        <variables><name>Colours</name><dataType>Multipicklist</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><value><stringValue>Red;Blue</stringValue></value></variables>
        <variables><name>Person</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
        <variables><name>Wrapper</name><apexClass>InvoiceLine</apexClass><dataType>Apex</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Texts</name><dataType>String</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Numbers</name><dataType>Number</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Flags</name><dataType>Boolean</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Days</name><dataType>Date</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Moments</name><dataType>DateTime</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Clocks</name><dataType>Time</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>Stages</name><dataType>Picklist</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <variables><name>People</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
        <variables><name>Wrappers</name><apexClass>InvoiceLine</apexClass><dataType>Apex</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>true</isOutput></variables>
        <start><connector><targetReference>Touch</targetReference></connector></start>
        <assignments><name>Touch</name><label>Touch</label>
          <assignmentItems><assignToReference>Amount</assignToReference><operator>Add</operator><value><numberValue>0.005</numberValue></value></assignmentItems>
        </assignments>
        """

    @Test func defaultsAreReadInTheirDeclaredTypes() async throws {
        let outputs = T.outputs(try await T.interpreter(try T.flow(Self.declarations)).start())
        #expect(outputs["Text"] == "hello")
        #expect(outputs["Amount"] == .number(Decimal(string: "0.01")!))
        #expect(outputs["Price"] == .number(Decimal(string: "9.99")!))
        #expect(outputs["Flag"] == true)
        #expect(outputs["Day"] == .date(LocalDate(year: 2024, month: 2, day: 29)))
        #expect(outputs["Moment"] == .dateTime(T.start))
        #expect(outputs["Clock"]?.displayText.hasPrefix("13:45:00") == true)
        #expect(outputs["Stage"] == "Prospecting")
        #expect(outputs["Colours"] == "Red;Blue")
        #expect(outputs["Person"] == .null)
        #expect(outputs["People"] == .null)
    }

    @Test func inputsGivenAsTextAreConvertedToEachType() async throws {
        let person = FlowValue.record(FlowRecord(objectType: "Contact", fields: ["LastName": "Hopper"]))
        let line = FlowValue.record(FlowRecord(fields: ["quantity": 3]))
        let outputs = T.outputs(
            try await T.interpreter(try T.flow(Self.declarations)).start(inputs: [
                "Amount": "2.5", "Flag": "false", "Day": "2024-12-31", "Moment": "2024-05-01T09:30:00Z",
                "Person": person, "Wrapper": line, "Texts": .collection(["a", "b"]), "Numbers": .collection(["1", "2.5"]),
                "Flags": .collection(["true", "false"]), "Days": .collection(["2024-01-01"]),
                "Moments": .collection(["2024-05-01T09:30:00Z"]), "Clocks": .collection(["08:00:00"]),
                "Stages": .collection(["Won"]), "People": .collection([person]), "Wrappers": .collection([line]),
            ]))
        #expect(outputs["Amount"] == .number(Decimal(string: "2.51")!))
        #expect(outputs["Flag"] == false)
        #expect(outputs["Day"] == .date(LocalDate(year: 2024, month: 12, day: 31)))
        #expect(outputs["Moment"] == .dateTime(T.start))
        #expect(outputs["Person"] == person)
        #expect(outputs["Wrapper"] == line)
        #expect(outputs["Texts"] == .collection(["a", "b"]))
        #expect(outputs["Numbers"] == .collection([1, .number(Decimal(string: "2.5")!)]))
        #expect(outputs["Flags"] == .collection([true, false]))
        #expect(outputs["Days"] == .collection([.date(LocalDate(year: 2024, month: 1, day: 1))]))
        #expect(outputs["Moments"] == .collection([.dateTime(T.start)]))
        #expect(outputs["Clocks"]?.collectionValue?.count == 1)
        #expect(outputs["Stages"] == .collection(["Won"]))
        #expect(outputs["People"] == .collection([person]))
        #expect(outputs["Wrappers"] == .collection([line]))
    }
}
