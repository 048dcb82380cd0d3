import SQLKit

/// An open database transaction. Every store method takes one, so a use case that spans several contexts
/// (a payment) runs all of their statements in the one transaction it was handed.
public struct Transaction: Sendable {
    /// The SQLKit database bound to this transaction's connection.
    public let sql: any SQLDatabase

    /// Wraps a connection on which a transaction has begun.
    public init(sql: any SQLDatabase) { self.sql = sql }
}

/// Where connections come from: one implementation per kind of database (SQLite now, PostgreSQL later).
public protocol ConnectionSource: Sendable {
    /// Lends a connection for the duration of `body`. `write` says the caller will begin a write transaction.
    func withConnection<T: Sendable>(write: Bool, _ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// The statement that begins a transaction of this kind.
    func beginStatement(write: Bool) -> String
    /// Closes every connection.
    func shutdown() async throws
}

/// The application's database: runs each use case in one transaction.
public final class Database: Sendable {
    private let source: any ConnectionSource

    /// A database over a connection source.
    public init(source: any ConnectionSource) { self.source = source }

    /// True inside ``write(_:)`` or ``read(_:)``, to turn an accidental nested transaction (which would wait
    /// forever for the write lock its own caller holds) into an immediate error.
    @TaskLocal static var isInTransaction = false

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    public func write<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(write: true, body)
    }

    /// Runs `body` in a read transaction, so that all of its reads see one consistent snapshot.
    public func read<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(write: false, body)
    }

    /// Runs `body`, which issues exactly one writing statement, without BEGIN and COMMIT: a lone statement is
    /// atomic on its own in SQLite and PostgreSQL, and the two round trips it saves are a third of a small write.
    public func writeStatement<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        guard !Self.isInTransaction else { throw DatabaseUsageError.nestedTransaction }
        return try await source.withConnection(write: true) { sql in try await body(Transaction(sql: sql)) }
    }

    /// Closes every connection. The database cannot be used afterwards.
    public func close() async throws { try await source.shutdown() }

    private func transaction<T: Sendable>(write: Bool, _ body: (Transaction) async throws -> T) async throws -> T {
        guard !Self.isInTransaction else { throw DatabaseUsageError.nestedTransaction }
        return try await source.withConnection(write: write) { sql in
            try await sql.raw(SQLQueryString(source.beginStatement(write: write))).run()
            do {
                let result = try await Self.$isInTransaction.withValue(true) { try await body(Transaction(sql: sql)) }
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// A programming error in the use of ``Database``.
public enum DatabaseUsageError: Error, Sendable, CustomStringConvertible {
    /// A transaction was begun inside another; pass the outer ``Transaction`` down instead.
    case nestedTransaction
    /// A statement that must return a row (`INSERT ... RETURNING id`) returned none.
    case noRowReturned

    public var description: String {
        switch self {
        case .nestedTransaction:
            "a transaction was begun inside another one; pass the open Transaction to the inner call instead"
        case .noRowReturned: "a statement that must return a row returned none"
        }
    }
}
