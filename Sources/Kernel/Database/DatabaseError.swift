/// A failure of the database, as opposed to a rule of the shop (``DomainError``). The HTTP edge answers
/// ``unavailable(_:)`` and an exhausted ``conflict(_:)`` with `503` and `Retry-After`, everything else with `500`.
public enum DatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The database cannot be reached, or a lock or connection could not be had in time. Trying later may work.
    case unavailable(String)
    /// The transaction lost a race it could not wait out: a serialization failure (`40001`) or a deadlock
    /// (`40P01`). ``Database`` retries the whole use case; this surfaces only when retries run out.
    case conflict(String)
    /// A constraint rejected a write (a unique key, a `CHECK`).
    case constraint(String)
    /// A stored value does not decode into what the code expects: corrupt or foreign data, never defaulted.
    case undecodable(column: String, reason: String)
    /// Any other failure the engine reported.
    case failed(String)

    /// True when the same request may succeed later without any change: answer `503` and `Retry-After`.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .conflict: true
        case .constraint, .undecodable, .failed: false
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .conflict(let reason): "transaction conflict: \(reason)"
        case .constraint(let reason): "constraint violated: \(reason)"
        case .undecodable(let column, let reason): "stored value in column '\(column)' does not decode: \(reason)"
        case .failed(let reason): "database error: \(reason)"
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
