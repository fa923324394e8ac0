import FlowrunCore
import Foundation
import Testing

/// The interpreter runs assignments, decisions and loop steps through lowered steps when nobody
/// watches, and through the general code (which reports every value) when an observer does. Each
/// flow here runs both ways and must give the same documented answer both times.
@Suite struct LoweredStepTests {
    typealias T = InterpreterTests

    /// Runs `flow` once without an observer (the lowered steps) and once with one (the general
    /// path), and returns both interviews.
    static func runBothWays(_ flow: ValidatedFlow, inputs: [String: FlowValue] = [:]) async throws -> [Interview] {
        var interviews: [Interview] = []
        for watched in [false, true] {
            var interpreter = T.interpreter(flow)
            if watched { interpreter.services.observer = EventCollector() }
            interviews.append(try await interpreter.start(inputs: inputs))
        }
        return interviews
    }

    /// Scale: a Number stored with `<scale>2</scale>` is rounded half up to two places, as
    /// Salesforce rounds a Number field (Help, "Number" custom field type: "rounded").
    @Test func numbersKeepTheirScaleAndDecimalSemantics() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Go</name><label>Go</label>
              <assignmentItems><assignToReference>Money</assignToReference><operator>Assign</operator><value><numberValue>1.005</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Money</assignToReference><operator>Add</operator><value><numberValue>0.125</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Exact</assignToReference><operator>Add</operator><value><numberValue>0.1</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Exact</assignToReference><operator>Add</operator><value><numberValue>0.2</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Down</assignToReference><operator>Subtract</operator><value><elementReference>Exact</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Name</assignToReference><operator>Add</operator><value><stringValue> world</stringValue></value></assignmentItems>
            </assignments>
            <start><connector><targetReference>Go</targetReference></connector></start>
            <variables><name>Money</name><dataType>Number</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><scale>2</scale></variables>
            \(T.variable("Exact", "Number"))
            \(T.variable("Down", "Number", value: "<numberValue>1</numberValue>"))
            \(T.variable("Name", "String", value: "<stringValue>hello</stringValue>"))
            """)
        for interview in try await Self.runBothWays(flow) {
            let outputs = T.outputs(interview)
            #expect(outputs["Money"] == .number(Decimal(string: "1.14")!))  // 1.01 + 0.125 = 1.135 → 1.14
            #expect(outputs["Exact"] == .number(Decimal(string: "0.3")!))
            #expect(outputs["Down"] == .number(Decimal(string: "0.7")!))
            #expect(outputs["Name"] == "hello world")
        }
    }

    /// Custom condition logic, an outcome's own Boolean resource, and a loop over a collection.
    @Test func decisionsWithLogicAndLoopsCountTheSameWays() async throws {
        let flow = try T.flow(
            """
            <loops><name>Each</name><label>Each</label><collectionReference>Words</collectionReference><iterationOrder>Asc</iterationOrder>
              <nextValueConnector><targetReference>Pick</targetReference></nextValueConnector>
              <noMoreValuesConnector><targetReference>After</targetReference></noMoreValuesConnector></loops>
            <decisions><name>Pick</name><label>Pick</label><defaultConnector><targetReference>Each</targetReference></defaultConnector>
              <rules><name>Long</name><conditionLogic>1 OR (2 AND 3)</conditionLogic>
                <conditions><leftValueReference>Each</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>flow</stringValue></rightValue></conditions>
                <conditions><leftValueReference>Each</leftValueReference><operator>StartsWith</operator><rightValue><stringValue>s</stringValue></rightValue></conditions>
                <conditions><leftValueReference>Each</leftValueReference><operator>NotEqualTo</operator><rightValue><stringValue>sun</stringValue></rightValue></conditions>
                <connector><targetReference>Count</targetReference></connector><label>Long</label></rules></decisions>
            <assignments><name>Count</name><label>Count</label>
              <assignmentItems><assignToReference>Matches</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
              <assignmentItems><assignToReference>Picked</assignToReference><operator>AddItem</operator><value><elementReference>Each</elementReference></value></assignmentItems>
              <connector><targetReference>Each</targetReference></connector></assignments>
            <decisions><name>After</name><label>After</label><defaultConnector><targetReference>Done</targetReference></defaultConnector>
              <rules><name>None</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Matches</leftValueReference><operator>LessThan</operator><rightValue><numberValue>1</numberValue></rightValue></conditions>
                <connector><targetReference>Done</targetReference></connector><label>None</label></rules></decisions>
            <assignments><name>Done</name><label>Done</label>
              <assignmentItems><assignToReference>NoneTaken</assignToReference><operator>Assign</operator><value><elementReference>None</elementReference></value></assignmentItems></assignments>
            <start><connector><targetReference>Each</targetReference></connector></start>
            \(T.variable("Words", "String", input: true, collection: true))
            \(T.variable("Picked", "String", collection: true))
            \(T.variable("Matches", "Number", value: "<numberValue>0</numberValue>"))
            \(T.variable("NoneTaken", "Boolean"))
            """)
        let words: FlowValue = .collection(["flow", "sun", "salt", "stone", "moon"])
        for interview in try await Self.runBothWays(flow, inputs: ["Words": words]) {
            let outputs = T.outputs(interview)
            #expect(outputs["Picked"] == .collection(["flow", "salt", "stone"]))
            #expect(outputs["Matches"] == 3)
            #expect(outputs["NoneTaken"] == .boolean(false))
        }
    }

    /// A decision that reads a field of a record variable that is null fails at that decision,
    /// with Salesforce's message (help article 000212174), both ways.
    @Test func aFieldOfANullRecordFailsTheDecision() async throws {
        let flow = try T.flow(
            """
            <decisions><name>Check</name><label>Check</label><defaultConnector><targetReference>Done</targetReference></defaultConnector>
              <rules><name>Big</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Opp.Amount</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>100</numberValue></rightValue></conditions>
                <connector><targetReference>Done</targetReference></connector><label>Big</label></rules></decisions>
            <assignments><name>Done</name><label>Done</label>
              <assignmentItems><assignToReference>Seen</assignToReference><operator>Assign</operator><value><booleanValue>true</booleanValue></value></assignmentItems></assignments>
            <start><connector><targetReference>Check</targetReference></connector></start>
            <variables><name>Opp</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Opportunity</objectType></variables>
            \(T.variable("Seen", "Boolean"))
            """)
        for interview in try await Self.runBothWays(flow) {
            guard case .failed(let error) = interview.status else {
                Issue.record("expected a failure, got \(interview.status)")
                continue
            }
            #expect(error.elementName == "Check")
            #expect(error.message == "The flow failed to access the value for Opp.Amount because it hasn't been set or assigned.")
        }
        let opportunity: FlowValue = .record(FlowRecord(objectType: "Opportunity", fields: ["Amount": 250]))
        for interview in try await Self.runBothWays(flow, inputs: ["Opp": opportunity]) {
            #expect(T.outputs(interview)["Seen"] == .boolean(true))
        }
    }

    /// A field read finds the record's field whatever case either side spells it in (Salesforce
    /// field names ignore case), and a field the record lacks reads as null, both ways.
    @Test func aFieldIsFoundUnderAnySpellingAndAMissingOneIsNull() async throws {
        let flow = try T.flow(
            """
            <decisions><name>Check</name><label>Check</label><defaultConnector><targetReference>Done</targetReference></defaultConnector>
              <rules><name>Big</name><conditionLogic>and</conditionLogic>
                <conditions><leftValueReference>Opp.Amount</leftValueReference><operator>GreaterThan</operator><rightValue><numberValue>100</numberValue></rightValue></conditions>
                <connector><targetReference>Mark</targetReference></connector><label>Big</label></rules></decisions>
            <assignments><name>Mark</name><label>Mark</label>
              <assignmentItems><assignToReference>Seen</assignToReference><operator>Assign</operator><value><booleanValue>true</booleanValue></value></assignmentItems>
              <connector><targetReference>Done</targetReference></connector></assignments>
            <assignments><name>Done</name><label>Done</label>
              <assignmentItems><assignToReference>Named</assignToReference><operator>Assign</operator><value><elementReference>Opp.NAME</elementReference></value></assignmentItems></assignments>
            <start><connector><targetReference>Check</targetReference></connector></start>
            <variables><name>Opp</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Opportunity</objectType></variables>
            \(T.variable("Seen", "Boolean", value: "<booleanValue>false</booleanValue>"))
            \(T.variable("Named", "String"))
            """)
        let lowerCase: FlowValue = .record(FlowRecord(objectType: "Opportunity", fields: ["amount": 250, "name": "Big deal"]))
        for interview in try await Self.runBothWays(flow, inputs: ["Opp": lowerCase]) {
            #expect(T.outputs(interview)["Seen"] == .boolean(true))
            #expect(T.outputs(interview)["Named"] == "Big deal")
        }
        let noAmount: FlowValue = .record(FlowRecord(objectType: "Opportunity", fields: ["StageName": "Prospecting"]))
        for interview in try await Self.runBothWays(flow, inputs: ["Opp": noAmount]) {
            #expect(T.outputs(interview)["Seen"] == .boolean(false))
            #expect(T.outputs(interview)["Named"] == .null)
        }
    }

    /// Add and AddItem on a collection variable append in place, converting each item to the
    /// collection's type (text "12" to the number 12), and fail at the element with the same
    /// message when an item cannot be converted, both ways.
    @Test func collectionAddsAppendConvertAndFailAlike() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Gather</name><label>Gather</label>
              <assignmentItems><assignToReference>Numbers</assignToReference><operator>Add</operator><value><elementReference>Given</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Numbers</assignToReference><operator>AddItem</operator><value><elementReference>Opp.Amount</elementReference></value></assignmentItems>
              <assignmentItems><assignToReference>Numbers</assignToReference><operator>Add</operator><value><numberValue>3</numberValue></value></assignmentItems></assignments>
            <start><connector><targetReference>Gather</targetReference></connector></start>
            <variables><name>Opp</name><dataType>SObject</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput><objectType>Opportunity</objectType></variables>
            \(T.variable("Given", "Number", input: true, collection: true))
            \(T.variable("Numbers", "Number", collection: true))
            """)
        let given: FlowValue = .collection([1, 2])
        let textAmount: FlowValue = .record(FlowRecord(objectType: "Opportunity", fields: ["Amount": "12"]))
        for interview in try await Self.runBothWays(flow, inputs: ["Given": given, "Opp": textAmount]) {
            #expect(T.outputs(interview)["Numbers"] == .collection([1, 2, 12, 3]))
        }
        let badAmount: FlowValue = .record(FlowRecord(objectType: "Opportunity", fields: ["Amount": "twelve"]))
        for interview in try await Self.runBothWays(flow, inputs: ["Given": given, "Opp": badAmount]) {
            guard case .failed(let error) = interview.status else {
                Issue.record("expected a failure, got \(interview.status)")
                continue
            }
            #expect(error.elementName == "Gather")
            #expect(error.kind == .typeError)
            #expect(error.description == #"inline.xml:3:1: 'Gather': 'Numbers': expected a number, got "twelve""#)
        }
    }

    /// A trace shows the first ten items of a collection and counts the rest: tracing the whole
    /// collection at every AddItem made a loop's trace quadratic in its size.
    @Test func aTraceShowsTenItemsOfACollectionAndCountsTheRest() async throws {
        let flow = try T.flow(
            """
            <assignments><name>Gather</name><label>Gather</label>
              <assignmentItems><assignToReference>Picked</assignToReference><operator>Add</operator><value><elementReference>Words</elementReference></value></assignmentItems></assignments>
            <start><connector><targetReference>Gather</targetReference></connector></start>
            \(T.variable("Words", "String", input: true, collection: true))
            \(T.variable("Picked", "String", collection: true))
            """)
        let collector = EventCollector()
        var interpreter = T.interpreter(flow)
        interpreter.services.observer = collector
        let words: [FlowValue] = (1...12).map { .string("w\($0)") }
        _ = try await interpreter.start(inputs: ["Words": .collection(words)])
        let traced = collector.events.compactMap { event -> String? in
            if case .assignment(_, _, _, let new) = event { return new }
            return nil
        }
        #expect(traced == [#"["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", … 2 more]"#])
    }
}
