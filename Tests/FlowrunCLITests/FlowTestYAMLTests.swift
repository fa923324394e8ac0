import Foundation
import Testing

/// `*.flowtest.yaml`: the same schema as JSON, the same results, and located errors.
@Suite struct FlowTestYAMLTests {
    static let fixtures = "Tests/FlowrunCLITests/Fixtures/yaml"

    @Test func aYAMLFileAndItsJSONTwinGiveTheSameResults() throws {
        let golden = try GraphAndPluginsCommandTests.golden("order-discount-test.txt")
        let yaml = try CommandLineTests.flowrun(["test", "examples/Order_Discount.flowtest.yaml"])
        let json = try CommandLineTests.flowrun(["test", "\(Self.fixtures)/Order_Discount.flowtest.json"])
        #expect(yaml.status == 0)
        #expect(json.status == 0)
        #expect(yaml.stdout == golden)
        #expect(json.stdout == golden)
    }

    @Test func aFolderIsSearchedForBothSyntaxes() throws {
        // The folder holds the JSON twin (4 passing tests), a broken .yaml and a broken .yml.
        let result = try CommandLineTests.flowrun(["test", Self.fixtures])
        #expect(result.status == 2)
        #expect(result.stdout.contains("\n4 passed, 0 failed\n"))
        #expect(result.stderr.contains("malformed.flowtest.yaml:7:11: error: "))
        #expect(result.stderr.contains("wrong-schema.flowtest.yml:5:7: error: "))
    }

    @Test func malformedYAMLGetsALocatedErrorAndExitStatus2() throws {
        let result = try CommandLineTests.flowrun(["test", "\(Self.fixtures)/malformed.flowtest.yaml"])
        #expect(result.status == 2)
        #expect(
            result.stderr == """
                \(Self.fixtures)/malformed.flowtest.yaml:7:11: error: YAML: did not find expected ',' or '}' \
                (while parsing a flow mapping at 6:18)

                """)
    }

    @Test func aSchemaErrorInYAMLPointsAtTheValue() throws {
        let result = try CommandLineTests.flowrun(["test", "\(Self.fixtures)/wrong-schema.flowtest.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(Self.fixtures)/wrong-schema.flowtest.yml:5:7: error: not a flow test file: "))
        #expect(result.stderr.contains(" at tests.0.screens"))
    }
}
