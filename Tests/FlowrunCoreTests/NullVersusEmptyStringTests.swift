import FlowrunCore
import Foundation
import Testing

/// Null and the empty string, each expectation from Salesforce Help, *Global Constant Resource*,
/// section "Null Versus Empty String" (platform.flow_ref_resources_globalconstants.htm):
/// - "At run time, Blank Value (Empty String) and null are treated as separate, distinct values."
/// - "If you don't give a text field or variable a starting value, the value is null at run time."
/// - "To check if a field or variable has been populated with data [use] Equals for the operator,
///   and Blank Value (Empty String) for the value."
/// - "For a text field or component placed on a Screen element, the Is Null operator always
///   evaluates to false. To determine if the field or component has no value, use Equals for the
///   operator and Blank Value (Empty String) for the value."
/// - "To check for both a null or Blank Value (Empty String) value at the same time, use the
///   ISBLANK formula function."
@Suite struct NullVersusEmptyStringTests {
    /// A decision `Check` on `Subject` with one condition, setting `Outcome` to the rule taken.
    static func decide(_ condition: String, before: String = "", variables: String = "") -> String {
        """
        <start><connector><targetReference>\(before.isEmpty ? "Check" : "Set")</targetReference></connector></start>
        \(before)
        <decisions><name>Check</name><label>Check</label>
          <defaultConnector><targetReference>Say_No</targetReference></defaultConnector>
          <rules><name>Yes</name><conditionLogic>and</conditionLogic>\(condition)
            <connector><targetReference>Say_Yes</targetReference></connector><label>Yes</label></rules>
        </decisions>
        <assignments><name>Say_Yes</name><label>Say Yes</label>
          <assignmentItems><assignToReference>Outcome</assignToReference><operator>Assign</operator><value><stringValue>yes</stringValue></value></assignmentItems>
        </assignments>
        <assignments><name>Say_No</name><label>Say No</label>
          <assignmentItems><assignToReference>Outcome</assignToReference><operator>Assign</operator><value><stringValue>no</stringValue></value></assignmentItems>
        </assignments>
        \(InterpreterTests.variable("Outcome", "String"))
        \(variables)
        """
    }

    static func condition(_ left: String, _ op: String, _ right: String) -> String {
        "<conditions><leftValueReference>\(left)</leftValueReference><operator>\(op)</operator><rightValue>\(right)</rightValue></conditions>"
    }

    /// Runs the decision with `Subject` (Text) holding `subject` (nil: never set) and returns the outcome.
    static func outcome(_ condition: String, subject: FlowValue?) async throws -> FlowValue? {
        let set =
            subject.map { value -> String in
                let right =
                    value.isNull ? "" : "<elementReference>\(value == "" ? "$GlobalConstant.EmptyString" : "Given")</elementReference>"
                return """
                    <assignments><name>Set</name><label>Set</label>
                      <assignmentItems><assignToReference>Subject</assignToReference><operator>Assign</operator><value>\(right)</value></assignmentItems>
                      <connector><targetReference>Check</targetReference></connector>
                    </assignments>
                    """
            } ?? ""
        let body = decide(
            condition, before: set,
            variables: InterpreterTests.variable("Subject", "String", output: false)
                + InterpreterTests.variable("Given", "String", output: false, input: true))
        let flow = try InterpreterTests.flow(body)
        let interview = try await InterpreterTests.interpreter(flow).start(inputs: ["Given": subject ?? .null])
        return InterpreterTests.outputs(interview)["Outcome"]
    }

    static let isNullTrue = condition("Subject", "IsNull", "<booleanValue>true</booleanValue>")
    static let equalsEmptyString = condition("Subject", "EqualTo", "<elementReference>$GlobalConstant.EmptyString</elementReference>")

    @Test func aVariableSetToTheEmptyStringIsNotNull() async throws {
        // "separate, distinct values": Is Null is false for "".
        #expect(try await Self.outcome(Self.isNullTrue, subject: "") == "no")
    }

    @Test func aVariableNeverGivenAValueIsNull() async throws {
        // "If you don't give a text field or variable a starting value, the value is null at run time."
        #expect(try await Self.outcome(Self.isNullTrue, subject: nil) == "yes")
    }

    @Test func equalsTheEmptyStringConstantHoldsForNullAndForEmptyText() async throws {
        // "To check if a field or variable has been populated with data [use] Equals … Blank Value (Empty String)":
        // an unpopulated (null) variable and an empty one both match; a populated one does not.
        #expect(try await Self.outcome(Self.equalsEmptyString, subject: nil) == "yes")
        #expect(try await Self.outcome(Self.equalsEmptyString, subject: "") == "yes")
        #expect(try await Self.outcome(Self.equalsEmptyString, subject: "Hello") == "no")
        let notEqual = Self.condition("Subject", "NotEqualTo", "<elementReference>$GlobalConstant.EmptyString</elementReference>")
        #expect(try await Self.outcome(notEqual, subject: nil) == "no")
        #expect(try await Self.outcome(notEqual, subject: "Hello") == "yes")
    }

    @Test func twoTextVariablesOneNullOneEmptyAreNotEqual() async throws {
        // "If a condition compares two text variables, make sure that their default values are either
        // set to Blank Value (Empty String) or left empty (null)": null and "" do not match.
        let body = Self.decide(
            Self.condition("Never_Set", "EqualTo", "<elementReference>Empty</elementReference>"),
            variables: InterpreterTests.variable("Never_Set", "String", output: false)
                + InterpreterTests.variable(
                    "Empty", "String", output: false, value: "<elementReference>$GlobalConstant.EmptyString</elementReference>"))
        let interview = try await InterpreterTests.interpreter(try InterpreterTests.flow(body)).start()
        #expect(InterpreterTests.outputs(interview)["Outcome"] == "no")
    }

    @Test func aValueLeftBlankInTheFileIsNull() async throws {
        // An empty <stringValue/> is a value left blank in Flow Builder: null at run time, so Is Null holds.
        let body = Self.decide(
            Self.isNullTrue,
            variables: InterpreterTests.variable("Subject", "String", output: false, value: "<stringValue></stringValue>"))
        let interview = try await InterpreterTests.interpreter(try InterpreterTests.flow(body)).start()
        #expect(InterpreterTests.outputs(interview)["Outcome"] == "yes")
    }

    @Test func aScreenTextInputLeftEmptyIsNotNullButEqualsTheEmptyString() async throws {
        // "For a text field … placed on a Screen element, the Is Null operator always evaluates to false.
        // To determine if the field … has no value, use Equals … Blank Value (Empty String)."
        func run(_ condition: String) async throws -> FlowValue? {
            let body = """
                <start><connector><targetReference>Ask</targetReference></connector></start>
                <screens><name>Ask</name><label>Ask</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause>
                  <connector><targetReference>Check</targetReference></connector>
                  <fields><name>Nickname</name><dataType>String</dataType><fieldText>Nickname</fieldText><fieldType>InputField</fieldType><isRequired>false</isRequired></fields>
                  <showFooter>true</showFooter><showHeader>true</showHeader>
                </screens>
                """
                + Self.decide(condition).replacingOccurrences(
                    of: "<start><connector><targetReference>Check</targetReference></connector></start>", with: "")
            let interpreter = InterpreterTests.interpreter(try InterpreterTests.flow(body))
            var interview = try await interpreter.start()
            await interpreter.resume(&interview, answers: [:])
            return InterpreterTests.outputs(interview)["Outcome"]
        }
        #expect(try await run(Self.condition("Nickname", "IsNull", "<booleanValue>true</booleanValue>")) == "no")
        #expect(
            try await run(Self.condition("Nickname", "EqualTo", "<elementReference>$GlobalConstant.EmptyString</elementReference>"))
                == "yes")
    }

    @Test func aBlankFieldReadByGetRecordsIsNull() async throws {
        // An org saves blank text as null, and Get Records reads it back so: Is Null is true for the
        // field even when the store (a fixture) wrote "".
        let body = """
            <recordLookups><name>Get_Account</name><label>Get Account</label>
              <getFirstRecordOnly>true</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically>
              <connector><targetReference>Check</targetReference></connector>
            </recordLookups>
            """
            + Self.decide(Self.condition("Get_Account.Description", "IsNull", "<booleanValue>true</booleanValue>"))
            .replacingOccurrences(
                of: "<targetReference>Check</targetReference></connector></start>",
                with: "<targetReference>Get_Account</targetReference></connector></start>")
        let store = try InMemoryRecordStore(records: [
            FlowRecord(objectType: "Account", fields: ["Id": "001000000000001AAA", "Name": "Acme", "Description": ""])
        ])
        let interview = try await InterpreterTests.interpreter(try InterpreterTests.flow(body), records: store).start()
        #expect(InterpreterTests.outputs(interview)["Outcome"] == "yes")
    }

    @Test func isblankCatchesBothNullAndEmptyText() throws {
        // "To check for both a null or Blank Value (Empty String) value at the same time, use the ISBLANK formula function."
        #expect(try evaluateBothWays(Formula.parse("ISBLANK(T)"), in: DictionaryFormulaEnvironment(["T": ""])) == true)
        #expect(try evaluateBothWays(Formula.parse("ISBLANK(T)"), in: DictionaryFormulaEnvironment(["T": .null])) == true)
        #expect(try evaluateBothWays(Formula.parse("ISBLANK(T)"), in: DictionaryFormulaEnvironment(["T": "x"])) == false)
    }

    @Test func aBlankValueInAConditionTestsForBlankTextAsTheConstantDoes() async throws {
        // A condition's value left blank (<stringValue></stringValue>) compares as Blank Value (Empty
        // String) does: lightning-flow-scanner's Utility_Copy_Files_Subflow (Tests/Conformance) stops
        // an Id input that is "" with "Does Not Equal" a blank value, after "Is Null False" let it through.
        let notBlank = Self.condition("Subject", "NotEqualTo", "<stringValue></stringValue>")
        #expect(try await Self.outcome(notBlank, subject: "") == "no")
        #expect(try await Self.outcome(notBlank, subject: nil) == "no")
        #expect(try await Self.outcome(notBlank, subject: "001000000000001AAA") == "yes")
    }

    @Test func aTextFormulaThatComesOutEmptyIsNull() async throws {
        // The formula engine has no empty text. alexed1's Flow_OneView_Check_for_DML_in_Loops
        // (Tests/Conformance) empties a text list with a formula and then tests the list with Is Null.
        let body = Self.decide(
            Self.condition("Trimmed", "IsNull", "<booleanValue>true</booleanValue>"),
            variables: "<formulas><name>Trimmed</name><dataType>String</dataType><expression>TRIM(&quot;   &quot;)</expression></formulas>")
        let interview = try await InterpreterTests.interpreter(try InterpreterTests.flow(body)).start()
        #expect(InterpreterTests.outputs(interview)["Outcome"] == "yes")
    }
}
