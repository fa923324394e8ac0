import FlowrunCore
import FlowrunTestSupport
import Foundation
import Testing

@testable import FlowrunPlugins

/// The development outbox: email with no SMTP server, and SMS/voice with FLOWRUN_OUTBOX set.
@Suite("Development outbox") struct OutboxTests {
    @Test func withNoServerAnEmailLandsInTheOutboxAndTheConsoleSaysWhere() async throws {
        let folder = SMTPEmailTests.scratch()
        let harness = SMSHarness()
        let result = try await EmailCodePlugin(environment: ["FLOWRUN_OUTBOX": folder.path]).invoke(
            PluginRequest(inputs: ["To": "grace@example.com"]), context: harness.context)
        #expect(result.outputs["Status"] == "saved-to-outbox")
        let code = try #require(result.outputs["VerificationCode"]?.stringValue)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file.hasSuffix("-email.eml"))
        let eml = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(eml.hasPrefix("From: flowrun@localhost\r\nTo: grace@example.com\r\nSubject: Your verification code\r\nDate: "))
        #expect(eml.contains("\r\n\r\nYour verification code is: \(code)\r\n"))
        #expect(
            harness.console.lines == [
                "── Email (development outbox: not sent) ──",
                "To:       grace@example.com",
                "Subject:  Your verification code",
                "Saved to: \(folder.appendingPathComponent(file).path)",
                "To send real email, set FLOWRUN_SMTP_HOST (and FLOWRUN_SMTP_USERNAME, FLOWRUN_SMTP_PASSWORD).",
            ])
    }

    @Test func withFLOWRUN_OUTBOXTheDevelopmentSMSIsAlsoAFile() async throws {
        let folder = SMTPEmailTests.scratch()
        let harness = SMSHarness()
        let result = try await SMSPlugin(environment: ["FLOWRUN_OUTBOX": folder.path]).invoke(
            PluginRequest(inputs: ["To": "+15555550100"]), context: harness.context)
        let code = try #require(result.outputs["VerificationCode"]?.stringValue)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let file = try #require(files.first)
        #expect(files.count == 1 && file.hasSuffix("-sms.json"))
        let entry = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))) as? [String: String]
        #expect(entry?["channel"] == "sms")
        #expect(entry?["to"] == "+15555550100")
        #expect(entry?["body"] == "Your verification code is: \(code)")
        #expect(harness.console.lines.contains("Saved to: \(folder.appendingPathComponent(file).path)"))
    }

    @Test func withFLOWRUN_OUTBOXTheDevelopmentCallIsAlsoAFile() async throws {
        let folder = SMTPEmailTests.scratch()
        let result = try await VoiceCodePlugin(environment: ["FLOWRUN_OUTBOX": folder.path]).invoke(
            PluginRequest(inputs: ["To": "+15555550142"]), context: SMSHarness().context)
        let code = try #require(result.outputs["VerificationCode"]?.stringValue)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        #expect(file.hasSuffix("-voice.json"))
        let entry = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))) as? [String: String]
        #expect(entry?["body"] == "Your verification code is: \(code.map(String.init).joined(separator: ", ")).")
    }

    @Test func withoutFLOWRUN_OUTBOXTheDevelopmentSMSWritesNoFile() async throws {
        let harness = SMSHarness()
        _ = try await SMSPlugin(environment: [:]).invoke(PluginRequest(inputs: ["To": "+15555550100"]), context: harness.context)
        #expect(!harness.console.lines.contains { $0.hasPrefix("Saved to:") })
    }
}
