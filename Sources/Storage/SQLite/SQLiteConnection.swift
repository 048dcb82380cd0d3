import Foundation
import GRDB
import Kernel

/// One GRDB connection with its thread and its turn lock: a transaction holds the lock for its whole length,
/// so two transactions never interleave on the connection even when one of them suspends.
final class SQLiteLane: Sendable {
    let connection: DatabaseQueue
    private let columns = SQLiteColumnCache()
    private let thread: SQLiteThread
    private let turns = AsyncLock()

    init(connection: DatabaseQueue, label: String) {
        self.connection = connection
        self.thread = SQLiteThread(label: label)
    }

    func run<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        try await turns.withLock { try await runOnThread(kind, body) }
    }

    /// Runs `body` with this lane's thread as the task's executor preference (child tasks inherit it).
    func withAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(thread, operation: body)
    }

    private func runOnThread<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(thread) {
            let handle = SQLiteStatements(connection: connection, columns: columns)
            let transaction = Transaction(connection: handle)
            guard let begin = Self.begin(kind) else { return try await body(transaction) }
            try handle.run(begin)
            do {
                let result = try await body(transaction)
                try handle.run("COMMIT")
                return result
            } catch {
                try? handle.run("ROLLBACK")
                throw error
            }
        }
    }

    private static func begin(_ kind: TransactionKind) -> String? {
        switch kind {
        case .write, .migration: "BEGIN IMMEDIATE"  // take the write lock now: a deferred upgrade could fail with SQLITE_BUSY late
        case .read: "BEGIN"
        case .singleStatement: nil
        }
    }
}

/// Runs statements synchronously on a GRDB connection, each prepared once and cached by its text. Called only
/// on the lane's thread while the lane's lock is held; GRDB's `inDatabase` then runs inline on this thread
/// (dispatch_sync onto an idle queue), so no statement crosses threads.
struct SQLiteStatements: SQLConnection {
    let connection: DatabaseQueue
    let columns: SQLiteColumnCache

    var dialect: SQLDialect { .sqlite }

    func query(_ statement: Kernel.SQL) async throws -> [SQLRow] {
        let (text, binds) = statement.rendered { _ in "?" }
        return try mapErrors(text) {
            try connection.inDatabase { db in
                try SQLiteStep.run(db.cachedStatement(sql: text), sql: text, binds: binds, collect: true, db: db, columns: columns)
            }
        }
    }

    func execute(_ statement: Kernel.SQL) async throws {
        let (text, binds) = statement.rendered { _ in "?" }
        try mapErrors(text) {
            _ = try connection.inDatabase { db in
                try SQLiteStep.run(db.cachedStatement(sql: text), sql: text, binds: binds, collect: false, db: db, columns: columns)
            }
        }
    }

    /// A statement without values (BEGIN, COMMIT).
    func run(_ text: String) throws {
        try mapErrors(text) {
            try connection.inDatabase { db in try db.cachedStatement(sql: text).execute() }
        }
    }
}

/// Turns GRDB's errors into ``Kernel/DatabaseError``: busy or locked past the timeout is `unavailable`, a
/// constraint is `constraint`, anything else `failed` with SQLite's message.
func mapErrors<T>(_ sql: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GRDB.DatabaseError {
        let message = "\(error.message ?? "SQLite error \(error.resultCode.rawValue)") (\(sql.prefix(120)))"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: throw Kernel.DatabaseError.unavailable(message)
        case .SQLITE_CONSTRAINT: throw Kernel.DatabaseError.constraint(message)
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY: throw Kernel.DatabaseError.unavailable(message)
        default: throw Kernel.DatabaseError.failed(message)
        }
    }
}
