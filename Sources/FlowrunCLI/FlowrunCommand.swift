import ArgumentParser

/// `flowrun`: run and check Salesforce Flow metadata outside Salesforce.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct FlowrunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "flowrun",
        abstract: "Run and check Salesforce Flow definitions (Flow metadata XML) outside Salesforce.",
        discussion: """
            flowrun FILE is short for flowrun run FILE.

            Exit statuses: 0 finished (or no errors), 1 the flow failed, 2 the flow is invalid,
            3 a screen needed an answer that was not given, 64 usage error, 65 data refused by
            data import, 74 the record database cannot be used.
            """,
        subcommands: [
            RunCommand.self, CheckCommand.self, TestCommand.self, GraphCommand.self, PluginsCommand.self, DataCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    public init() {}
}
