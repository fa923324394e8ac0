import Foundation
import Testing

@testable import FlowrunCore

/// Stored interviews are snapshots keyed by names (format 2), so that a flow edited while an
/// interview of it waits at a screen either takes it back or refuses it with a message: never a trap.
@Suite struct InterviewSnapshotTests {
    /// A loop that asks one question per letter, then signs the answers off.
    static func loopFlow(
        sign: String = "<stringValue>.</stringValue>", extraVariables: String = "", answers: String = "Answers",
        loop: String = "Each", noteType: String = "String"
    ) -> String {
        """
        <assignments><name>Collect</name><label>Collect</label>
          <assignmentItems><assignToReference>\(answers)</assignToReference><operator>Add</operator><value><elementReference>Item</elementReference></value></assignmentItems>
          <assignmentItems><assignToReference>\(answers)</assignToReference><operator>Add</operator><value><elementReference>Answer</elementReference></value></assignmentItems>
          <connector><targetReference>\(loop)</targetReference></connector></assignments>
        <assignments><name>Sign</name><label>Sign</label>
          <assignmentItems><assignToReference>\(answers)</assignToReference><operator>Add</operator><value>\(sign)</value></assignmentItems></assignments>
        <loops><name>\(loop)</name><label>Each</label><collectionReference>Letters</collectionReference>
          <assignNextValueToReference>Item</assignNextValueToReference><iterationOrder>Asc</iterationOrder>
          <nextValueConnector><targetReference>Ask</targetReference></nextValueConnector>
          <noMoreValuesConnector><targetReference>Sign</targetReference></noMoreValuesConnector></loops>
        <screens><name>Ask</name><label>Ask</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause>
          <connector><targetReference>Collect</targetReference></connector>
          <fields><name>Answer</name><dataType>String</dataType><fieldText>About {!Item}</fieldText><fieldType>InputField</fieldType><isRequired>true</isRequired></fields></screens>
        <start><connector><targetReference>\(loop)</targetReference></connector></start>
        \(extraVariables)
        \(InterpreterTests.variable("Letters", "String", output: false, input: true, collection: true))
        \(InterpreterTests.variable("Item", "String", output: false))
        \(InterpreterTests.variable("Note", noteType, output: false))
        \(InterpreterTests.variable(answers, "String"))
        """
    }

    /// Started with letters a and b, answered "x" for a: waiting at the screen for b.
    static func pausedAtSecondLetter() async throws -> (Interpreter, Interview) {
        let interpreter = InterpreterTests.interpreter(try InterpreterTests.flow(loopFlow()))
        var interview = try await interpreter.start(inputs: ["Letters": .collection(["a", "b"])])
        #expect(interview.status.prompt?.elementName == "Ask")
        #expect(interview.value(of: "Item") == "a")
        await interpreter.resume(&interview, answers: ["Answer": "x"])
        #expect(interview.status.prompt?.elementName == "Ask")
        #expect(interview.value(of: "Item") == "b")
        return (interpreter, interview)
    }

    @Test func anUnchangedFlowResumesWhereItWas() async throws {
        let (interpreter, paused) = try await Self.pausedAtSecondLetter()
        var interview = try interpreter.restore(try interpreter.snapshot(of: paused))
        #expect(interview.id == paused.id)
        #expect(interview.status == paused.status)
        await interpreter.resume(&interview, answers: ["Answer": "y"])
        #expect(InterpreterTests.outputs(interview) == ["Answers": "axby."])
    }

    /// Issue 14, point 8: a variable added while the interview waited used to trap with
    /// `Index out of range`; the interview now goes on, mid-loop, with the new variable at its default.
    @Test func aVariableAddedToTheFlowTakesItsDefaultAndTheInterviewGoesOn() async throws {
        let (original, paused) = try await Self.pausedAtSecondLetter()
        let stored = try original.snapshot(of: paused)
        let edited = InterpreterTests.interpreter(
            try InterpreterTests.flow(
                Self.loopFlow(
                    sign: "<elementReference>Signature</elementReference>",
                    extraVariables: InterpreterTests.variable("Signature", "String", value: "<stringValue>!</stringValue>"))))
        var interview = try edited.restore(stored)
        #expect(interview.value(of: "Signature") == "!")
        #expect(interview.value(of: "Answers") == "ax")
        await edited.resume(&interview, answers: ["Answer": "y"])
        #expect(InterpreterTests.outputs(interview) == ["Answers": "axby!", "Signature": "!"])
    }

    /// A loop keeps its cursor by its number among the flow's loops, and a snapshot by the loop's
    /// name: a loop added before the running one (so that the running one's number moves from 0
    /// to 1) does not lose the interview its place in the loop.
    @Test func aLoopAddedBeforeTheRunningOneLeavesItsPlace() async throws {
        let (original, paused) = try await Self.pausedAtSecondLetter()
        let stored = try original.snapshot(of: paused)
        let earlierLoop = """
            <loops><name>Aa_Earlier</name><label>Earlier</label><collectionReference>Letters</collectionReference>
              <iterationOrder>Asc</iterationOrder>
              <nextValueConnector><targetReference>Aa_Earlier</targetReference></nextValueConnector></loops>
            """
        let edited = InterpreterTests.interpreter(try InterpreterTests.flow(earlierLoop + Self.loopFlow()))
        var interview = try edited.restore(stored)
        await edited.resume(&interview, answers: ["Answer": "y"])
        #expect(InterpreterTests.outputs(interview) == ["Answers": "axby."])
    }

    @Test func aRenamedVariableOrElementEndsTheInterviewWithAMessage() async throws {
        let (interpreter, paused) = try await Self.pausedAtSecondLetter()
        let stored = try interpreter.snapshot(of: paused)
        let renamed = InterpreterTests.interpreter(try InterpreterTests.flow(Self.loopFlow(answers: "Replies", loop: "Every")))
        #expect(throws: InterviewRestoreError.self) { try renamed.restore(stored) }
        do {
            _ = try renamed.restore(stored)
        } catch {
            #expect(error.reason == .flowChanged)
            #expect(
                error.description
                    == "This interview cannot go on: flow 'inline' has changed since it was saved ('Answers' is no longer in it; 'Each' is no longer in it; element 'Each' is no longer in it). Start the flow again."
            )
        }
        let elementRenamed = InterpreterTests.interpreter(try InterpreterTests.flow(Self.loopFlow(loop: "Every")))
        do {
            _ = try elementRenamed.restore(stored)
            Issue.record("a renamed loop was taken back")
        } catch {
            #expect(
                error.description
                    == "This interview cannot go on: flow 'inline' has changed since it was saved ('Each' is no longer in it; element 'Each' is no longer in it). Start the flow again."
            )
        }
    }

    @Test func aRetypedVariableEndsTheInterviewWithAMessage() async throws {
        let (interpreter, paused) = try await Self.pausedAtSecondLetter()
        let stored = try interpreter.snapshot(of: paused)
        let retyped = InterpreterTests.interpreter(try InterpreterTests.flow(Self.loopFlow(noteType: "Number")))
        do {
            _ = try retyped.restore(stored)
            Issue.record("a retyped variable was taken back")
        } catch {
            #expect(error.reason == .flowChanged)
            #expect(
                error.description
                    == "This interview cannot go on: flow 'inline' has changed since it was saved ('Note' was a String and is now a Number). Start the flow again."
            )
        }
    }

    /// Format 1 was the `Interview` struct encoded as it was: slot and element indices, nothing
    /// naming what they meant, so it cannot be matched to the flow and is refused with a message.
    @Test func anInterviewStoredInFormatOneIsRefusedWithAMessage() async throws {
        let (interpreter, _) = try await Self.pausedAtSecondLetter()
        let formatOne = Data(
            #"{"id":"0b9a","flowName":"inline","startTime":736162200,"steps":3,"totalSteps":3,"values":[{"type":"null"}],"resourceNames":["Answers"],"position":{"atScreen":{"_0":3}},"screenHistory":[3],"loops":[2,{"items":[],"next":1}],"status":{"running":{}}}"#
                .utf8)
        do {
            _ = try interpreter.restore(formatOne)
            Issue.record("format 1 was taken back")
        } catch {
            #expect(error.reason == .olderFormat)
            #expect(
                error.description
                    == "This interview cannot go on: it was saved by an older flowrun, in a form that cannot be matched to flow 'inline' as it is now. Start the flow again."
            )
        }
    }

    @Test func damagedOrNewerSnapshotsAreRefusedWithAMessage() async throws {
        let (interpreter, paused) = try await Self.pausedAtSecondLetter()
        let stored = try interpreter.snapshot(of: paused)
        let cases: [(Data, InterviewRestoreError.Reason, String)] = [
            (
                stored.prefix(40), .unreadable,
                "This interview cannot go on: its saved state for flow 'inline' cannot be read (it is not a JSON object). Start the flow again."
            ),
            (
                Data(#"{"version": 3}"#.utf8), .newerFormat,
                "This interview cannot go on here: it was saved by a newer flowrun (format 3; this one reads format 2) running flow 'inline'. Resume it there, or start the flow again."
            ),
            (
                Data(#"{"version": 2}"#.utf8), .unreadable,
                "This interview cannot go on: its saved state for flow 'inline' cannot be read ('flow' is missing at the top). Start the flow again."
            ),
        ]
        for (data, reason, message) in cases {
            do {
                _ = try interpreter.restore(data)
                Issue.record("\(String(decoding: data, as: UTF8.self)) was taken back")
            } catch {
                #expect(error.reason == reason)
                #expect(error.description == message)
            }
        }
    }

    /// Defence in depth: an interview of one version of the flow resumed by an interpreter of
    /// another (not through `restore`) fails with a message instead of reading the wrong slots.
    @Test func anInterviewOfAnotherLayoutFailsInsteadOfTrapping() async throws {
        let (_, paused) = try await Self.pausedAtSecondLetter()
        let edited = InterpreterTests.interpreter(
            try InterpreterTests.flow(Self.loopFlow(extraVariables: InterpreterTests.variable("Signature", "String"))))
        var interview = paused
        await edited.resume(&interview, answers: ["Answer": "y"])
        guard case .failed(let error) = interview.status else {
            Issue.record("expected a failure, got \(interview.status)")
            return
        }
        #expect(
            error.message
                == "this interview cannot go on with flow 'inline' as it is now (it holds 8 values and the flow has 9 resources); start the flow again"
        )
    }

    /// The stored form, pinned: a change to it is a change of format (and of `version`).
    @Test func theSnapshotFormatIsPinned() async throws {
        let (interpreter, paused) = try await Self.pausedAtSecondLetter()
        let stored = try interpreter.snapshot(of: paused)
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(try Self.pretty(stored) == golden)
        // And it reads back to the same stored form.
        #expect(try interpreter.snapshot(of: try interpreter.restore(stored)) == stored)
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snapshots/loop-paused.json")

    static func pretty(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data)
        let text = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: text, as: UTF8.self) + "\n"
    }

    @Test func sha256MatchesTheFIPSExamples() {
        // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): "abc", and the 448-bit two-block message.
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
