import ArgumentParser
import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation

/// `flowrun data export --database DB --output DIR`: a database's records as files `data import` reads.
public struct DataExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a record database's records as sObject tree JSON with a data plan, or CSV per object.",
        discussion: """
            tree (default): <Object>s.json per object and <Objects>-plan.json, with lookups
            between exported records written as @references (import the plan to load them all).
            csv: <Object>.csv per object, Ids kept.

            Exit statuses: 0 written, 64 usage error (no such database), 74 the database cannot
            be read or a file cannot be written.
            """
    )

    public enum Format: String, ExpressibleByArgument, Sendable {
        case tree, csv
    }

    @Option(help: ArgumentHelp("The SQLite record database to export.", valueName: "FILE"))
    var database: String

    @Option(help: ArgumentHelp("The folder to write the files into (created if absent).", valueName: "DIR"))
    var output: String

    @Option(help: "tree (JSON files and a data plan) or csv (one file per object).")
    var format: Format = .tree

    @Option(name: .customLong("object"), help: ArgumentHelp("Export only this object (repeatable).", valueName: "NAME"))
    var objects: [String] = []

    public init() {}

    public func validate() throws {
        // Objects are listed through SQLiteRecordStore.objectNames, which PostgreSQL's store lacks.
        if PostgresDatabaseURL.isPostgres(database) {
            throw ValidationError("--database: data export works on SQLite files; it cannot export from PostgreSQL yet")
        }
    }

    public func run() async throws {
        guard FileManager.default.fileExists(atPath: database) else {
            printError("flowrun: no record database at \(database)")
            throw ExitStatus.usage
        }
        var exported: [RecordExport.Object] = []
        do {
            let store = try SQLiteRecordStore(path: database)
            let names = objects.isEmpty ? try await store.objectNames() : objects
            for name in names {
                exported.append(RecordExport.Object(name: name, records: try await store.query(RecordQuery(object: name))))
            }
        } catch {
            printError("flowrun: \(error)")
            throw ExitStatus.databaseFailed
        }
        let files = format == .csv ? RecordExport.csv(exported) : RecordExport.tree(exported)
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in files {
                let path = (output as NSString).appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            printError("flowrun: cannot write into \(output): \(error.localizedDescription)")
            throw ExitStatus.databaseFailed
        }
        let total = exported.reduce(0) { $0 + $1.records.count }
        print(
            "Exported \(total) record\(total == 1 ? "" : "s") of \(exported.count) object\(exported.count == 1 ? "" : "s") to \(output): \(files.map(\.name).joined(separator: ", "))"
        )
    }
}
