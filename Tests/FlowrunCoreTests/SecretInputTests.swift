import FlowrunCore
import Synchronization
import Testing

/// A value handed to a plug-in input declared secret is masked from then on, like a secret output.
@Suite struct SecretInputTests {
    @Test func whatAFlowPassesToASecretInputIsSecret() throws {
        let flow = try InterpreterTests.flow(
            """
            <apexPluginCalls><name>Send</name><label>Send</label><apexClass>SMSPlugin</apexClass>
              <inputParameters><name>To</name><value><elementReference>Mobile</elementReference></value></inputParameters>
              <inputParameters><name>Token</name><value><elementReference>StoredToken</elementReference></value></inputParameters>
            </apexPluginCalls>
            <start><connector><targetReference>Send</targetReference></connector></start>
            \(InterpreterTests.variable("Mobile", "String", value: "<stringValue>+15555550100</stringValue>"))
            \(InterpreterTests.variable("StoredToken", "String", value: "<stringValue>tok-123</stringValue>"))
            """)
        #expect(flow.isSecret("StoredToken"))
        #expect(!flow.isSecret("Mobile"))
    }

    @Test func theSecretInputIsMaskedInTheTrace() async throws {
        let flow = try InterpreterTests.flow(
            """
            <apexPluginCalls><name>Send</name><label>Send</label><apexClass>SMSPlugin</apexClass>
              <inputParameters><name>To</name><value><stringValue>+15555550100</stringValue></value></inputParameters>
              <inputParameters><name>Token</name><value><elementReference>StoredToken</elementReference></value></inputParameters>
            </apexPluginCalls>
            <start><connector><targetReference>Send</targetReference></connector></start>
            \(InterpreterTests.variable("StoredToken", "String", value: "<stringValue>tok-123</stringValue>"))
            """)
        let events = EventCollector()
        var services = InterpreterTests.interpreter(flow).services
        services.observer = events
        _ = try await Interpreter(flow: flow, services: services).start()
        let call = events.events.first { if case .pluginCall = $0 { true } else { false } }
        #expect(
            call
                == .pluginCall(
                    element: "Send", plugin: "SMSPlugin",
                    inputs: [.init(name: "To", value: "\"+15555550100\""), .init(name: "Token", value: "••••••")],
                    outputs: [.init(name: "Status", value: "\"queued\""), .init(name: "VerificationCode", value: "••••••")]))
    }
}

final class EventCollector: ExecutionObserver {
    private let storage = Mutex<[ExecutionEvent]>([])
    func observe(_ event: ExecutionEvent) { storage.withLock { $0.append(event) } }
    var events: [ExecutionEvent] { storage.withLock { $0 } }
}
