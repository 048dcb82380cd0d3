/// The application's database: runs each use case in one transaction of an engine, and runs it again, whole,
/// when the engine reports a conflict it could not wait out (``DatabaseError/conflict(_:)``).
///
/// Retrying the whole use case, not a statement, is what makes READ COMMITTED with conditional updates correct
/// at SERIALIZABLE too: the second attempt reads the winner's committed rows and decides again.
public final class Database: Sendable {
    /// The engine underneath (SQLite or PostgreSQL).
    public let engine: any DatabaseEngine
    /// How conflicts are retried.
    public let retries: RetryPolicy
    /// Told about every transaction, for metrics (nil: nobody listens).
    public let observer: (any DatabaseObserver)?

    /// A database over an engine.
    public init(engine: any DatabaseEngine, retries: RetryPolicy = RetryPolicy(), observer: (any DatabaseObserver)? = nil) {
        self.engine = engine
        self.retries = retries
        self.observer = observer
    }

    /// The engine's dialect.
    public var dialect: SQLDialect { engine.dialect }

    /// True inside a transaction, to turn an accidental nested transaction (which would wait forever for the
    /// connection or lock its own caller holds) into an immediate error.
    @TaskLocal static var isInTransaction = false

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws. `body` may run
    /// more than once (after a conflict), so it must do nothing outside the transaction that cannot be repeated.
    public func write<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(.write, body)
    }

    /// Runs `body` in a read transaction, so that all of its reads see one consistent snapshot.
    public func read<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(.read, body)
    }

    /// Runs `body` as a schema change (``TransactionKind/migration``): for ``Migrator``.
    func migration<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(.migration, body)
    }

    /// Runs `body`, which issues exactly one writing statement, without BEGIN and COMMIT: a lone statement is
    /// atomic on its own in SQLite and PostgreSQL, and the two round trips it saves are a third of a small write.
    public func writeStatement<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(.singleStatement, body)
    }

    /// Runs a whole use case near the writer (``DatabaseEngine/withWriterAffinity(_:)``): on SQLite its
    /// transactions and the work between them then share one thread hop.
    public func withWriterAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await engine.withWriterAffinity(body)
    }

    /// Closes every connection. The database cannot be used afterwards.
    public func close() async throws { try await engine.close() }

    private func transaction<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        guard !Self.isInTransaction else { throw DatabaseUsageError.nestedTransaction }
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            do {
                let result = try await Self.$isInTransaction.withValue(true) { try await engine.transaction(kind, body) }
                observer?.transactionEnded(kind, duration: ContinuousClock.now - started, attempt: attempt, error: nil)
                return result
            } catch let error as DatabaseError {
                observer?.transactionEnded(kind, duration: ContinuousClock.now - started, attempt: attempt, error: error)
                guard case .conflict = error, attempt < retries.maxAttempts else { throw error }
                try await Task.sleep(for: retries.delay(beforeAttempt: attempt + 1))
                attempt += 1
            }
        }
    }
}

/// How ``Database`` retries a use case after a conflict: a bounded number of attempts with exponential,
/// jittered delays, so that the losers of one race do not collide again in lockstep.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The delay before the second attempt, doubled for each one after, up to ``maxDelay``.
    public var baseDelay: Duration
    public var maxDelay: Duration

    /// The defaults: 10 attempts, 2 ms doubling to at most 200 ms.
    public init(maxAttempts: Int = 10, baseDelay: Duration = .milliseconds(2), maxDelay: Duration = .milliseconds(200)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// A random delay between half and all of the capped exponential delay ("equal jitter").
    public func delay(beforeAttempt attempt: Int) -> Duration {
        let exponent = min(max(0, attempt - 2), 20)
        let full = min(maxDelay, baseDelay * (1 << exponent))
        let fullNanoseconds = max(2, full.inNanoseconds)
        return .nanoseconds(fullNanoseconds / 2 + Int64.random(in: 0...(fullNanoseconds / 2)))
    }
}

/// Learns of every transaction ``Database`` runs: for metrics of time and retries.
public protocol DatabaseObserver: Sendable {
    /// One attempt of a transaction ended, committed (`error` nil) or not.
    func transactionEnded(_ kind: TransactionKind, duration: Duration, attempt: Int, error: DatabaseError?)
}
