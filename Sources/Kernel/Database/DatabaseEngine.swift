/// What kind of transaction a use case asks for.
public enum TransactionKind: Sendable, Equatable {
    /// Reads and writes, committed together. SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the configured isolation
    /// (READ COMMITTED by default).
    case write
    /// Reads only, all from one snapshot. SQLite: a deferred `BEGIN`; PostgreSQL: `REPEATABLE READ READ ONLY`.
    case read
    /// Exactly one writing statement, without `BEGIN`/`COMMIT`: a lone statement is atomic on its own.
    case singleStatement
    /// A schema change under the migration lock. PostgreSQL runs it at READ COMMITTED whatever the configured
    /// isolation: at SERIALIZABLE the snapshot would be taken by the lock statement itself, before the lock is
    /// granted, and a migrator that waited would not see what the one before it committed.
    case migration
}

/// A storage engine: SQLite and PostgreSQL each implement this in their own target, which only the composition
/// root imports. Kernel's ``Database`` adds what is the same for both (retries, the nesting guard).
public protocol DatabaseEngine: Sendable {
    /// The engine's SQL dialect.
    var dialect: SQLDialect { get }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    /// Engine failures come out as ``DatabaseError``: ``DatabaseError/conflict(_:)`` for a serialization failure
    /// or deadlock (which ``Database`` retries), ``DatabaseError/unavailable(_:)`` when the database cannot be
    /// reached or locked in time.
    func transaction<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T

    /// A statement that, run first in a write transaction, makes concurrent migrators (other instances) wait
    /// until this transaction ends; nil when the write transaction itself already excludes them (SQLite).
    var migrationLockStatement: SQL? { get }

    /// Runs `body`, and the transactions it begins, where write transactions run best: SQLite runs it on its
    /// writer connection's thread, so that a use case of several transactions and the work between them (the
    /// payment, its delivery, the record of the delivery) costs one thread hop instead of one per transaction;
    /// PostgreSQL, whose statements suspend on the network anyway, just runs it.
    func withWriterAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T

    /// Closes every connection. The engine cannot be used afterwards.
    func close() async throws
}
