import FlowrunCore
import Foundation
import Testing

/// Every assignment operator against the results Salesforce documents in "Flow Operators in
/// Assignment Elements".
@Suite struct AssignmentOperatorTests {
    typealias T = InterpreterTests

    /// Runs one assignment item `Target op value` with `Target` starting as `initial`.
    static func run(
        _ op: String, _ value: String, type: String, collection: Bool = false, initial: FlowValue
    ) async throws -> FlowValue? {
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Target</assignToReference><operator>\(op)</operator><value>\(value)</value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            \(T.variable("Target", type, input: true, collection: collection))
            """)
        return T.outputs(try await T.interpreter(flow).start(inputs: ["Target": initial]))["Target"]
    }

    static let letters: FlowValue = .collection(["a", "b", "c", "b", "d"])

    @Test(
        arguments: [
            ("RemoveFirst", "<stringValue>b</stringValue>", ["a", "c", "b", "d"]),
            ("RemoveAll", "<stringValue>b</stringValue>", ["a", "c", "d"]),
            ("RemoveBeforeFirst", "<stringValue>b</stringValue>", ["b", "c", "b", "d"]),
            ("RemoveAfterFirst", "<stringValue>b</stringValue>", ["a", "b"]),
            ("RemoveBeforeFirst", "<stringValue>z</stringValue>", ["a", "b", "c", "b", "d"]),
            ("RemoveAfterFirst", "<stringValue>z</stringValue>", ["a", "b", "c", "b", "d"]),
            ("RemovePosition", "<numberValue>2</numberValue>", ["a", "c", "b", "d"]),
            ("RemovePosition", "<numberValue>9</numberValue>", ["a", "b", "c", "b", "d"]),
            ("RemovePosition", "<numberValue>5</numberValue>", ["a", "b", "c", "b"]),
            ("RemovePosition", "<numberValue>18446744073709551617</numberValue>", ["a", "b", "c", "b", "d"]),
            ("AddItem", "<stringValue>e</stringValue>", ["a", "b", "c", "b", "d", "e"]),
            ("AddAtStart", "<stringValue>z</stringValue>", ["z", "a", "b", "c", "b", "d"]),
            ("Add", "<stringValue>e</stringValue>", ["a", "b", "c", "b", "d", "e"]),
        ] as [(String, String, [FlowValue])])
    func textCollectionOperators(op: String, value: String, expected: [FlowValue]) async throws {
        let result = try await Self.run(op, value, type: "String", collection: true, initial: Self.letters)
        #expect(result == .collection(expected))
    }

    @Test func removeUncommonKeepsOnlyItemsAlsoInTheValue() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Target</assignToReference><operator>RemoveUncommon</operator><value><elementReference>Keep</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Count</assignToReference><operator>AssignCount</operator><value><elementReference>Target</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            \(T.variable("Target", "String", input: true, collection: true))
            \(T.variable("Keep", "String", input: true, collection: true))
            \(T.variable("Count", "Number"))
            """)
        let outputs = T.outputs(
            try await T.interpreter(flow).start(inputs: ["Target": Self.letters, "Keep": .collection(["d", "b", "x"])]))
        #expect(outputs["Target"] == .collection(["b", "b", "d"]))
        #expect(outputs["Count"] == 3)
    }

    @Test func numbersDatesAndText() async throws {
        #expect(try await Self.run("Add", "<numberValue>5</numberValue>", type: "Number", initial: .null) == 5)
        #expect(
            try await Self.run("Subtract", "<numberValue>2.5</numberValue>", type: "Currency", initial: 10)
                == .number(Decimal(string: "7.5")!))
        #expect(
            try await Self.run(
                "Subtract", "<numberValue>1</numberValue>", type: "Date", initial: .date(LocalDate(year: 2024, month: 3, day: 1)))
                == .date(LocalDate(year: 2024, month: 2, day: 29)))
        #expect(
            try await Self.run("Add", "<numberValue>1</numberValue>", type: "DateTime", initial: .dateTime(T.start))
                == .dateTime(T.start.addingTimeInterval(86_400)))
        #expect(try await Self.run("Add", "<stringValue>-2</stringValue>", type: "String", initial: "v1") == "v1-2")
        #expect(try await Self.run("Add", "<stringValue>Hot</stringValue>", type: "Picklist", initial: "Very") == "VeryHot")
    }

    @Test func multiSelectPicklistsAddItemsWithSemicolons() async throws {
        #expect(try await Self.run("AddItem", "<stringValue>Blue</stringValue>", type: "Multipicklist", initial: "Red") == "Red;Blue")
        #expect(try await Self.run("AddItem", "<stringValue>Blue</stringValue>", type: "Multipicklist", initial: .null) == "Blue")
        #expect(try await Self.run("Add", "<stringValue>;Green</stringValue>", type: "Multipicklist", initial: "Red") == "Red;Green")
    }

    @Test func recordCollectionsTakeRecordsAndCollections() async throws {
        let a = FlowValue.record(FlowRecord(objectType: "Contact", fields: ["Id": "003A"]))
        let b = FlowValue.record(FlowRecord(objectType: "Contact", fields: ["Id": "003B"]))
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>All</assignToReference><operator>Add</operator><value><elementReference>One</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>All</assignToReference><operator>AddAtStart</operator><value><elementReference>Two</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>All</assignToReference><operator>RemovePosition</operator><value><numberValue>1</numberValue></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            <variables><name>All</name><dataType>SObject</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>true</isOutput><objectType>Contact</objectType></variables>
            <variables><name>One</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Contact</objectType></variables>
            <variables><name>Two</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Contact</objectType></variables>
            """)
        let outputs = T.outputs(try await T.interpreter(flow).start(inputs: ["One": a, "Two": b]))
        #expect(outputs["All"] == .collection([a]))
    }

    @Test func aPositionThatIsNoWholeNumberFailsTheInterview() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Target</assignToReference><operator>RemovePosition</operator><value><elementReference>Position</elementReference></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            \(T.variable("Target", "String", input: true, collection: true))
            \(T.variable("Position", "Number", input: true))
            """)
        let interview = try await T.interpreter(flow).start(inputs: ["Target": Self.letters, "Position": .number(Decimal(string: "1.5")!)])
        guard case .failed(let error) = interview.status else {
            Issue.record("expected a failure, got \(interview.status)")
            return
        }
        #expect(error.message == "RemovePosition on 'Target' needs a whole position from 1, got 1.5")
        #expect(error.elementName == "Go")
    }
}

extension AssignmentOperatorTests {
    @Test func movingADateByAnAbsurdNumberOfDaysFailsInsteadOfOverflowing() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Due</assignToReference><operator>Subtract</operator><value><numberValue>9223372036854775808</numberValue></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            \(T.variable("Due", "Date", value: "<dateValue>2024-01-01</dateValue>"))
            """)
        let interview = try await T.interpreter(flow).start()
        guard case .failed(let error) = interview.status else {
            Issue.record("expected a failure, got \(interview.status)")
            return
        }
        #expect(error.message == "cannot move the date 'Due' by 9223372036854775808 days")
    }
}
