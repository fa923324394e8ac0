import ArgumentParser
import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation

/// `flowrun data import FILE... --database DB`: records from files exported from an org.
public struct DataImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load records from sf data export tree JSON, data plans, Data Loader CSV or record fixtures.",
        discussion: """
            Every file is read and checked, and every @reference resolved, before anything is
            written, so a bad file leaves the database as it was. Values are typed by the SFDX
            project's object metadata when the files are in a project (or --project names one),
            and by their form otherwise.

            Exit statuses: 0 imported, 64 usage error, 65 a file is malformed or holds a record
            Salesforce would refuse (nothing imported), 74 the database cannot be opened or written.
            """
    )

    @Argument(help: "Data files: *.json (tree files, *-plan.json, record fixtures) and *.csv.")
    var files: [String]

    @Option(help: ArgumentHelp("The SQLite record database to load into (created if absent).", valueName: "FILE"))
    var database: String

    @Option(help: ArgumentHelp("The object CSV files hold (default: the file's name, Account.csv).", valueName: "NAME"))
    var object: String?

    @Option(help: ArgumentHelp("What the files are: auto, tree, plan, csv or fixture.", valueName: "FORMAT"))
    var format: String = RecordImport.Format.auto.rawValue

    @Option(help: ArgumentHelp("Type and check values with this SFDX project's object metadata.", valueName: "DIR"))
    var project: String?

    public init() {}

    public func validate() throws {
        // The store is opened as a SQLite file; PostgreSQL (RecordDatabase.withStore) is not wired in yet.
        if PostgresDatabaseURL.isPostgres(database) {
            throw ValidationError("--database: data import works on SQLite files; it cannot import into PostgreSQL yet")
        }
        guard RecordImport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of auto, tree, plan, csv, fixture; not '\(format)'")
        }
    }

    public func run() async throws {
        let kind = RecordImport.Format(rawValue: format) ?? .auto
        var records: [ImportRecord] = []
        var reportedProjects: Set<String?> = []
        for file in files {
            let metadata: ObjectMetadata
            do {
                metadata = try ProjectMetadata.resolve(project: project, near: [file, FileManager.default.currentDirectoryPath])
            } catch {
                printError("flowrun: \(error)")
                throw ExitStatus.usage
            }
            if reportedProjects.insert(metadata.projectRoot).inserted { ProjectMetadata.reportProblems(of: metadata) }
            do {
                records += try RecordImport.read(path: file, format: kind, object: object, typing: ImportTyping(metadata: metadata))
            } catch {
                throw refused(error)
            }
        }
        let ordered: [ImportRecord]
        do {
            ordered = try RecordImport.prepare(records)
        } catch {
            throw refused(error)
        }
        // Opened only now, so a file that fails to read does not leave a new, empty database behind.
        let store: SQLiteRecordStore
        do {
            store = try SQLiteRecordStore(path: database)
        } catch {
            printError("flowrun: \(error)")
            throw ExitStatus.databaseFailed
        }
        let progress = TerminalProgress(label: "Importing", unit: "records")
        let summary: RecordImport.Summary
        do {
            summary = try await RecordImport.write(ordered, into: store) { done, total in progress?.update(done, of: total) }
        } catch {
            progress?.finish()
            throw refused(error)
        }
        progress?.finish()
        let parts = summary.counts.map { "\($0.count) \($0.object)" }.joined(separator: ", ")
        print("Imported \(summary.total) record\(summary.total == 1 ? "" : "s") into \(database)\(parts.isEmpty ? "" : ": \(parts)").")
    }

    private func refused(_ error: RecordImportError) -> ExitCode {
        printError("flowrun: \(error); nothing was imported")
        return error.storeError?.code == .storage ? ExitStatus.databaseFailed : ExitStatus.invalidData
    }
}
