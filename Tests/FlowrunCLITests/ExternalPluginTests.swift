import FlowrunCore
import FlowrunPlugins
import FlowrunTestSupport
import Foundation
import Testing

/// Plug-ins that are commands (a manifest, JSON on stdin/stdout): the Python example behaving,
/// and a fixture script misbehaving every way the protocol must survive.
@Suite struct ExternalPluginTests {
    static let misbehaving = Project.path("Tests/FlowrunCLITests/Fixtures/plugins/misbehaving.py")

    /// A manifest registering `Tests/…/misbehaving.py MODE` as ShippingQuote, with a 5 s timeout
    /// (room for Python to start on a busy machine; the `sleep` mode sleeps 60 s).
    static func manifest(mode: String) throws -> String {
        try CommandLineTests.temporaryFile(
            #"{"plugins": {"ShippingQuote": {"command": ["python3", "\#(misbehaving)", "\#(mode)"], "timeoutSeconds": 5}}}"#)
    }

    @Test func theExampleDescribesItselfAndAnswers() async throws {
        let manifest = try ExternalPluginManifest.load(path: Project.path("examples/flowrun-plugins.json"))
        var registry = PluginRegistry()
        try await ExternalPlugins.register(manifest, into: &registry, environment: ProcessInfo.processInfo.environment)
        let plugin = try #require(registry.plugin(named: "shippingquote"))
        let description = plugin.describe()
        #expect(description.name == "Shipping Quote")
        #expect(description.inputs.map(\.name) == ["WeightKg", "Country", "Express"])
        #expect(description.inputs.map(\.type) == [.decimal, .string, .boolean])
        #expect(description.inputs.map(\.required) == [true, true, false])
        #expect(description.outputs.map(\.type) == [.decimal, .string, .integer])

        let context = PluginContext(
            clock: SystemClock(), random: SeededRandomSource(seed: 1), console: CapturedOutput(),
            logger: LogCapture().logger(), elementName: "Get_Quote")
        let result = try await plugin.invoke(
            PluginRequest(inputs: ["WeightKg": .number(Decimal(string: "2.5")!), "Country": .string("DE")]), context: context)
        // 4.90 + 1.20 × 2.5 = 7.90
        #expect(result.outputs == ["Cost": .number(Decimal(string: "7.9")!), "Carrier": .string("DHL"), "Days": .number(2)])
        await #expect(throws: ExternalPluginError("no carrier ships to 'JP'")) {
            try await plugin.invoke(PluginRequest(inputs: ["WeightKg": .number(1), "Country": .string("JP")]), context: context)
        }
    }

    @Test func theExampleFlowRunsWithTheManifestBesideIt() throws {
        let result = try CommandLineTests.flowrun([
            "examples/Shipping_Quote.flow-meta.xml", "--input", "WeightKg=2.5", "--input", "Country=DE", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {
                  "outputs" : {
                    "Carrier" : "DHL",
                    "Cost" : 7.9,
                    "Days" : 2,
                    "Problem" : null,
                    "Status" : "quoted"
                  },
                  "status" : "finished"
                }

                """)
    }

    @Test func theShippedExamplesTestsPassWithFullCoverage() throws {
        let result = try CommandLineTests.flowrun(["test", "examples", "--min-coverage", "100"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\n8 passed, 0 failed\n"))
        #expect(result.stdout.contains("  examples/Shipping_Quote.flow-meta.xml: 100.0% (elements 3/3, connectors 3/3)\n"))
    }

    @Test func checkValidatesCallsAgainstTheCommandsDescribe() throws {
        let flow = "Tests/FlowrunCLITests/Fixtures/plugins/quote-no-fault.xml"
        let without = try CommandLineTests.flowrun(["check", flow])
        #expect(without.status == 2)
        #expect(without.stdout.contains("no plug-in is registered for apexClass 'ShippingQuote'"))
        let with = try CommandLineTests.flowrun(["check", "--plugins", "examples/flowrun-plugins.json", flow])
        #expect(with.status == 0, "\(with.stdout)")
        #expect(with.stdout == "1 file checked: 0 errors, 0 warnings\n")
    }

    @Test func pluginsListsCommandPluginsBesideTheBuiltIns() throws {
        let result = try CommandLineTests.flowrun(["plugins", "--plugins", "examples/flowrun-plugins.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try GraphAndPluginsCommandTests.golden("plugins-with-manifest.txt")))
    }

    @Test func theRequestCarriesTheElementAndTypedInputs() throws {
        let result = try CommandLineTests.flowrun([
            "examples/Shipping_Quote.flow-meta.xml", "--plugins", try Self.manifest(mode: "echo"),
            "--input", "WeightKg=2.5", "--input", "Country=FR",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  Carrier = Get_Quote FR\n"))
        #expect(result.stdout.contains("  Cost = 2.5\n"))
    }

    static let misbehaviours: [(mode: String, message: String)] = [
        ("sleep", "plug-in 'ShippingQuote' timed out after 5 s and was stopped"),
        ("exit", "plug-in 'ShippingQuote' exited with status 1: database unreachable: connection refused"),
        ("signal", "plug-in 'ShippingQuote' was killed by signal 9"),
        ("garbage", "plug-in 'ShippingQuote' did not answer with a JSON object, it printed: Quote: 7.90 EUR by DHL"),
        ("wrong-types", "plug-in 'ShippingQuote' output 'Cost' must be DECIMAL (a JSON number), got text"),
        ("fractional-days", "plug-in 'ShippingQuote' output 'Days' must be INTEGER (a whole JSON number), got a number"),
        ("undeclared", "plug-in 'ShippingQuote' returned output 'Currency', which it does not declare (declared: Cost, Carrier, Days)"),
        ("flood", "plug-in 'ShippingQuote' printed more than 1048576 bytes and was stopped"),
    ]

    @Test(arguments: misbehaviours)
    func aMisbehavingCommandTakesTheFaultPath(mode: String, message: String) throws {
        let result = try CommandLineTests.flowrun([
            "examples/Shipping_Quote.flow-meta.xml", "--plugins", try Self.manifest(mode: mode),
            "--input", "WeightKg=2", "--input", "Country=DE", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let outputs = try #require(json?["outputs"] as? [String: Any])
        #expect(outputs["Status"] as? String == "unavailable")
        #expect(outputs["Problem"] as? String == message)
    }

    @Test func withoutAFaultConnectorTheFailureIsLocated() throws {
        let result = try CommandLineTests.flowrun([
            "Tests/FlowrunCLITests/Fixtures/plugins/quote-no-fault.xml", "--plugins", try Self.manifest(mode: "exit"),
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                Tests/FlowrunCLITests/Fixtures/plugins/quote-no-fault.xml:5:5: error: 'Get_Quote' failed: \
                plug-in 'ShippingQuote' exited with status 1: database unreachable: connection refused

                """)
    }

    @Test func aCommandThatCannotDescribeItselfIsAUsageError() throws {
        let manifest = try Self.manifest(mode: "bad-describe")
        let result = try CommandLineTests.flowrun(["plugins", "--plugins", manifest])
        #expect(result.status == 64)
        #expect(
            result.stderr == """
                flowrun: \(manifest): plug-in 'ShippingQuote' described itself wrongly: inputs[0].type: \
                expected one of BOOLEAN, DATE, DATETIME, DECIMAL, DOUBLE, FLOAT, ID, INTEGER, LONG, STRING, TIME

                """)
    }

    @Test func manifestMistakesNameTheKey() throws {
        let typo = try CommandLineTests.temporaryFile(#"{"plugins": {"Quote": {"command": ["python3"], "timeout": 5}}}"#)
        let result = try CommandLineTests.flowrun(["plugins", "--plugins", typo])
        #expect(result.status == 64)
        #expect(
            result.stderr == """
                flowrun: \(typo): plugins.Quote: unknown key 'timeout' (known: command, directory, environment, maxOutputBytes, timeoutSeconds)

                """)
        let noCommand = try CommandLineTests.temporaryFile(#"{"plugins": {"Quote": {"command": "python3 quote.py"}}}"#)
        let second = try CommandLineTests.flowrun(["run", "examples/Shipping_Quote.flow-meta.xml", "--plugins", noCommand])
        #expect(second.status == 64)
        #expect(second.stderr.contains(#"plugins.Quote.command: expected the command as an array of words, like ["python3", "plugin.py"]"#))
        let missing = try CommandLineTests.flowrun(["check", "--plugins", "no-such-manifest.json", "examples/Shipping_Quote.flow-meta.xml"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "flowrun: no-such-manifest.json: cannot read the plug-in manifest\n")
    }

    @Test func onlyAllowListedVariablesReachTheCommand() async throws {
        let script = try CommandLineTests.temporaryFile(
            """
            import json, os, sys
            message = json.load(sys.stdin)
            if message["op"] == "describe":
                print(json.dumps({"outputs": [{"name": "Seen", "type": "STRING"}]}))
            else:
                print(json.dumps({"outputs": {"Seen": ",".join(sorted(k for k in os.environ if k.startswith("FLOWRUN_TEST_")))}}))
            """)
        let manifest = try CommandLineTests.temporaryFile(
            #"{"plugins": {"Env": {"command": ["python3", "\#(script)"], "environment": ["FLOWRUN_TEST_ALLOWED"]}}}"#)
        var registry = PluginRegistry()
        try await ExternalPlugins.register(
            try ExternalPluginManifest.load(path: manifest), into: &registry,
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "FLOWRUN_TEST_ALLOWED": "1", "FLOWRUN_TEST_SECRET": "2",
            ])
        let plugin = try #require(registry.plugin(named: "Env"))
        let context = PluginContext(
            clock: SystemClock(), random: SeededRandomSource(seed: 1), console: CapturedOutput(),
            logger: LogCapture().logger(), elementName: "Env")
        let result = try await plugin.invoke(PluginRequest(inputs: [:]), context: context)
        #expect(result.outputs["Seen"] == .string("FLOWRUN_TEST_ALLOWED"))
    }
}
