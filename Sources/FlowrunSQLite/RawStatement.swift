import Foundation
import GRDB
import GRDBSQLite

/// Runs a prepared statement with values bound straight through SQLite's C API: the bulk insert
/// path, where building GRDB's `StatementArguments` for every record cost a fifth of the time.
/// Leaves the statement reset, as GRDB expects to find it.
enum RawStatement {
    /// SQLite copies the text and blobs it is given (`SQLITE_TRANSIENT`), so no buffer need outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func execute(_ statement: Statement, _ values: [DatabaseValue], in db: Database) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.storage {
            case .null: code = sqlite3_bind_null(raw, index)
            case .int64(let number): code = sqlite3_bind_int64(raw, index, number)
            case .double(let number): code = sqlite3_bind_double(raw, index, number)
            case .string(let text): code = sqlite3_bind_text(raw, index, text, -1, transient)
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(raw, index, bytes.baseAddress, Int32(bytes.count), transient)
                }
            }
            guard code == SQLITE_OK else { throw error(code, db) }
        }
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        guard code == SQLITE_DONE else { throw error(code, db) }
    }

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}
