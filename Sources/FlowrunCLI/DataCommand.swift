import ArgumentParser

/// `flowrun data`: records in and out of a SQLite record database.
public struct DataCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import records exported from an org into a record database, or export them again.",
        discussion: """
            Exit statuses: 0 done, 64 usage error, 65 a data file is malformed or holds a record
            Salesforce would refuse (nothing is imported), 74 the database cannot be used.
            """,
        subcommands: [DataImportCommand.self, DataExportCommand.self]
    )

    public init() {}
}
