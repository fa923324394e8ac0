import FlowrunCore
import FlowrunSQLite
import Foundation
import GRDB

/// `flowrun-bench records`: the record store at scale, each figure beside what bounds it.
///
/// - import: N User records into a new database file, `createAll` in one transaction, beside a
///   bare SQLite bulk insert of the same rows (one prepared statement, one transaction, a plain
///   table with one column per field and an index on Username);
/// - lookup: a Get Records by Username (an indexed field), through the store, beside the same
///   SELECT written directly against the bare table;
/// - size: the database file per record.
enum RecordsBenchmark {
    static func users(_ range: Range<Int>) -> [FlowRecord] {
        range.map { n in
            FlowRecord(
                objectType: "User",
                fields: [
                    "Id": .string(RecordID.make(object: "User", sequence: n + 1)),
                    "Username": .string("user\(n)@example.com"), "Name": .string("User Number \(n)"),
                    "MobilePhone": .string("+1555\(String(n).leftPadded7)"), "ProfileName": "Standard User",
                    "IsActive": .boolean(n % 10 != 0), "TwoFactorFailures__c": .number(Decimal(n % 3)),
                    "CreatedDate": .dateTime(Date(timeIntervalSince1970: 1_700_000_000 + Double(n))),
                ])
        }
    }

    static func run(sizes: [Int], lookups: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows: [[String]] = []
        var lookupRows: [[String]] = []
        for size in sizes {
            let flowrunPath = folder.appendingPathComponent("flowrun-\(size).sqlite").path
            let barePath = folder.appendingPathComponent("bare-\(size).sqlite").path
            let clock = ContinuousClock()

            let store = try SQLiteRecordStore(path: flowrunPath)
            // The rows are made before the clock starts, for both: what is timed is the loading.
            let batches = stride(from: 0, to: size, by: 10_000).map { users($0..<min($0 + 10_000, size)) }
            let flowrunImport = try await clock.measure {
                try await store.transaction { transaction in
                    for batch in batches { _ = try await transaction.createAll(batch) }
                }
            }
            let bare = try DatabaseQueue(path: barePath)
            let bareRows = (0..<size).map(bareRow)
            let bareImport = try clock.measure { try bareInsert(bare, rows: bareRows) }
            // Sizes after a checkpoint, so the WAL's copy of the pages is not counted twice.
            for path in [flowrunPath, barePath] {
                let queue = try DatabaseQueue(path: path)
                try await queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
            let flowrunSize = try fileSize(flowrunPath)
            let bareSize = try fileSize(barePath)
            rows.append([
                "\(size)", rate(Double(size) / flowrunImport.seconds), rate(Double(size) / bareImport.seconds),
                String(format: "%.2f×", flowrunImport.seconds / bareImport.seconds),
                "\(flowrunSize / size) B", "\(bareSize / size) B",
            ])

            // Look-ups of users spread over the table, each query whole: compile, run, decode.
            let targets = (0..<lookups).map { "user\(($0 * 7919) % size)@example.com" }
            let viaStore = try await clock.measure {
                for username in targets {
                    let found = try await store.query(
                        RecordQuery(object: "User", filters: [RecordFilter(field: "Username", op: .equalTo, value: .string(username))]))
                    precondition(found.count == 1)
                }
            }
            let direct = try await clock.measure {
                for username in targets {
                    let found = try await bare.read { db in
                        try Row.fetchAll(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username])
                    }
                    precondition(found.count == 1)
                }
            }
            let plan = try await store.queryPlan(
                RecordQuery(object: "User", filters: [RecordFilter(field: "Username", op: .equalTo, value: "user1@example.com")]))
            lookupRows.append([
                "\(size)", String(format: "%.1f µs", viaStore.seconds / Double(lookups) * 1e6),
                String(format: "%.1f µs", direct.seconds / Double(lookups) * 1e6),
                String(format: "%.2f×", viaStore.seconds / direct.seconds), plan.joined(separator: "; "),
            ])
        }
        print("## Import: User records into a new database file, one transaction\n")
        print(
            table(
                ["records", "flowrun createAll", "bare SQLite insert", "flowrun / bare", "flowrun size/record", "bare size/record"], rows))
        print("\n## Get Records by Username (indexed), \(lookups) look-ups, in process\n")
        print(table(["records", "flowrun query", "direct SELECT", "flowrun / direct", "plan"], lookupRows))
    }

    /// The same rows as `users`, typed, into a plain table: the fastest load SQLite does here.
    static func bareRow(_ n: Int) -> [any DatabaseValueConvertible] {
        [
            RecordID.make(object: "User", sequence: n + 1), "user\(n)@example.com", "User Number \(n)",
            "+1555\(String(n).leftPadded7)", "Standard User", n % 10 != 0, n % 3, 1_700_000_000_000 + n * 1000,
        ]
    }

    static func bareInsert(_ queue: DatabaseQueue, rows: [[any DatabaseValueConvertible]]) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT, name TEXT, mobilephone TEXT, profilename TEXT,
                        isactive INTEGER, failures NUMERIC, createddate INTEGER)
                    """)
            let statement = try db.makeStatement(sql: "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for row in rows { try statement.execute(arguments: StatementArguments(row)) }
            try db.execute(sql: "CREATE INDEX users_by_username ON users (username)")
        }
    }

    static func fileSize(_ path: String) throws -> Int {
        // WAL content counts too: it is part of the database until a checkpoint.
        let main = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return main + wal
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension String {
    fileprivate var leftPadded7: String { String(repeating: "0", count: max(0, 7 - count)) + self }
}
