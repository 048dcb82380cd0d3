import SQLKit

extension Transaction {
    /// Runs an `INSERT ... RETURNING id` and returns the new row's id.
    public func insertReturningID(_ query: SQLQueryString) async throws -> Int64 {
        guard let row = try await sql.raw(query).first() else { throw DatabaseUsageError.noRowReturned }
        return try row.decode(column: "id", as: Int64.self)
    }
}
