/// The engine's side of an open transaction: runs statements on the one connection that holds it.
/// Implemented by each storage engine; stores never see it, only ``Transaction``.
public protocol SQLConnection: Sendable {
    /// The engine's SQL dialect.
    var dialect: SQLDialect { get }
    /// Runs a statement and returns its rows.
    func query(_ statement: SQL) async throws -> [SQLRow]
    /// Runs a statement, ignoring any rows. (Stores learn what changed through `RETURNING`, which both engines
    /// report the same way.)
    func execute(_ statement: SQL) async throws
}

/// An open database transaction. Every store method takes one, so a use case that spans several contexts
/// (a payment) runs all of their statements in the one transaction it was handed.
public struct Transaction: Sendable {
    private let connection: any SQLConnection

    /// Wraps the connection that holds a transaction (engines only).
    public init(connection: any SQLConnection) { self.connection = connection }

    /// The dialect, for the few fragments that differ between engines (``SQLDialect``).
    public var dialect: SQLDialect { connection.dialect }

    /// Every row of a query.
    public func all(_ statement: SQL) async throws -> [SQLRow] { try await connection.query(statement) }

    /// The first row of a query, or nil.
    public func first(_ statement: SQL) async throws -> SQLRow? { try await connection.query(statement).first }

    /// Runs a statement, ignoring any rows; use `RETURNING` and ``first(_:)`` to learn whether a row changed.
    public func execute(_ statement: SQL) async throws { try await connection.execute(statement) }

    /// Runs an `INSERT ... RETURNING id` and returns the new row's id.
    public func insertReturningID(_ statement: SQL) async throws -> Int64 {
        guard let row = try await first(statement) else { throw DatabaseUsageError.noRowReturned }
        return try row.decode(column: "id", as: Int64.self)
    }
}
