import GRDB
import GRDBSQLite
import Kernel

/// Binds, steps and reads one of GRDB's cached statements through the SQLite C API. GRDB keeps the connection,
/// its configuration and the statement cache; this skips its generic argument and row machinery, which the
/// pay profile showed at about a tenth of the use case's time (docs/decisions/0001-storage.md).
enum SQLiteStep {
    /// SQLITE_TRANSIENT: SQLite copies the text, so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs `statement` with `binds`; with `collect`, returns its rows.
    static func run(
        _ statement: Statement, sql: String, binds: [SQLValue], collect: Bool, db: GRDB.Database, columns cache: SQLiteColumnCache
    ) throws -> [SQLRow] {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, transient)
            }
            guard code == SQLITE_OK else { throw failure(code, db: db, sql: sql) }
        }
        defer { sqlite3_reset(handle) }
        var rows: [SQLRow] = []
        var columns: SQLColumns?
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw failure(code, db: db, sql: sql) }
            guard collect else { continue }
            let count = sqlite3_column_count(handle)
            let names =
                columns
                ?? cache.columns(of: sql) {
                    SQLColumns((0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
                }
            columns = names
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count { values.append(value(handle, column)) }
            rows.append(SQLRow(columns: names, values: values))
        }
    }

    /// A column as commerce reads it; REAL and BLOB (never stored by commerce) come back as text, so that reading
    /// them as numbers fails loudly instead of rounding.
    private static func value(_ handle: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .text(String(sqlite3_column_double(handle, column)))
        default:
            guard let text = sqlite3_column_text(handle, column) else { return .null }
            return .text(String(cString: text))
        }
    }

    private static func failure(_ code: Int32, db: GRDB.Database, sql: String) -> GRDB.DatabaseError {
        GRDB.DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}

/// The column names of each cached statement's results, built once per statement instead of once per query
/// (GRDB's `Statement.sql` and the C strings of the names are recomputed on every call otherwise). Used only on its
/// lane's thread, while the lane's turn lock is held.
final class SQLiteColumnCache: @unchecked Sendable {
    // @unchecked: touched by one thread at a time (the lane's), like the connection it belongs to.
    private var bySQL: [String: SQLColumns] = [:]

    func columns(of sql: String, _ make: () -> SQLColumns) -> SQLColumns {
        if let known = bySQL[sql] { return known }
        let made = make()
        bySQL[sql] = made
        return made
    }
}
