/// One row of a result, read by column name.
public struct SQLRow: Sendable {
    /// The result's column names, shared by all of its rows.
    public let columns: SQLColumns
    /// The row's values, in column order.
    public let values: [SQLValue]

    /// A row of `values` under `columns`.
    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`, decoded strictly: a missing column, a NULL where a value is required or a value of
    /// another kind throws ``DatabaseError/undecodable(column:reason:)``.
    public func decode<Value: SQLDecodable>(column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let index = columns.index(of: column) else {
            throw DatabaseError.undecodable(column: column, reason: "no such column in the result")
        }
        do {
            return try Value.decode(sqlValue: values[index])
        } catch {
            throw DatabaseError.undecodable(column: column, reason: error.reason)
        }
    }
}

/// The column names of a result, with a lookup from name to position. Built once per result.
public final class SQLColumns: Sendable {
    /// The names in order.
    public let names: [String]
    private let positions: [String: Int]

    /// Columns with these names. When a name repeats (a join), the first one wins.
    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }

    /// The position of `name`, or nil.
    public func index(of name: String) -> Int? { positions[name] }
}
