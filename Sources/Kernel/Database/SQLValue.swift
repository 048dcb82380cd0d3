/// A value as it crosses into or out of a database: the few storage classes both engines share.
///
/// Money, ids and timestamps are all `Int64`; text is UTF-8. Keeping to these two (and NULL) is what lets one
/// statement run unchanged on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case text(String)

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .text(let value): "'\(value)'"
        }
    }
}

/// A Swift value that can be bound to a statement's placeholder.
public protocol SQLBindable: Sendable {
    /// The value as the database stores it.
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read back from a column. Decoding is strict: a NULL where a value is required, or
/// a value of another kind, is a ``DatabaseError/undecodable(column:reason:)`` error, never a default.
public protocol SQLDecodable {
    /// Decodes a stored value, or throws when it does not fit.
    static func decode(sqlValue: SQLValue) throws(SQLDecodingFailure) -> Self
}

/// Why a stored value did not decode; ``SQLRow`` adds the column.
public struct SQLDecodingFailure: Error, Sendable {
    /// What was wrong with the value.
    public let reason: String

    /// A failure with its reason.
    public init(_ reason: String) { self.reason = reason }
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }

    public static func decode(sqlValue: SQLValue) throws(SQLDecodingFailure) -> Int64 {
        guard case .integer(let value) = sqlValue else { throw SQLDecodingFailure("expected an integer, found \(sqlValue)") }
        return value
    }
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }

    public static func decode(sqlValue: SQLValue) throws(SQLDecodingFailure) -> Int {
        guard let value = Int(exactly: try Int64.decode(sqlValue: sqlValue)) else { throw SQLDecodingFailure("integer out of range") }
        return value
    }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }

    public static func decode(sqlValue: SQLValue) throws(SQLDecodingFailure) -> String {
        guard case .text(let value) = sqlValue else { throw SQLDecodingFailure("expected text, found \(sqlValue)") }
        return value
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(sqlValue: SQLValue) throws(SQLDecodingFailure) -> Wrapped? {
        if case .null = sqlValue { return nil }
        return try Wrapped.decode(sqlValue: sqlValue)
    }
}
