import Kernel
import PostgresEngine
import SQLiteEngine
import Synchronization
import TestSupport
import Testing

@Suite struct DatabaseTests {
    static let counter = CommerceModule(
        name: "Test",
        migrations: [
            Migration(id: "test.001", statements: ["CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)"]),
            Migration(id: "test.002", statements: ["INSERT INTO counters (id, value) VALUES (1, 0)"]),
        ])

    func value(_ database: Database) async throws -> Int64 {
        try await database.read { tx in
            try await tx.first("SELECT value FROM counters WHERE id = 1")?.decode(column: "value", as: Int64.self) ?? -1
        }
    }

    @Test func inMemoryTransactionsShareOneDatabase() async throws {
        let database = try await TestDatabase.fresh([Self.counter])
        try await database.write { tx in try await tx.execute("UPDATE counters SET value = 7") }
        // Concurrent transactions all reach the same database: its one connection is taken in turns.
        _ = await concurrently(10) { _ in
            try? await database.write { tx in try await tx.execute("UPDATE counters SET value = value + 1") }
        }
        #expect(try await value(database) == 17)
        try await database.close()
    }

    @Test func aThrowingTransactionRollsBack() async throws {
        struct Abort: Error {}
        let database = try await TestDatabase.fresh([Self.counter])
        await #expect(throws: Abort.self) {
            try await database.write { tx in
                try await tx.execute("UPDATE counters SET value = 99")
                throw Abort()
            }
        }
        #expect(try await value(database) == 0)
        try await database.close()
    }

    @Test func aNestedTransactionIsAnErrorNotADeadlock() async throws {
        let database = try await TestDatabase.fresh([Self.counter])
        await #expect(throws: DatabaseUsageError.self) {
            try await database.write { _ in try await database.read { _ in 1 } }
        }
        try await database.close()
    }

    @Test func migrationsApplyOnce() async throws {
        let database = try await TestDatabase.fresh([Self.counter])
        let again = try await Migrator(database: database).migrate([Self.counter])
        #expect(again.isEmpty)
        #expect(try await value(database) == 0, "test.002 did not run twice")
        try await database.close()
    }

    @Test(.enabled(if: TestEngine.current == .sqlite, "SQLite's pragmas"))
    func fileDatabasesUseWALAndABusyTimeout() async throws {
        let (database, path) = try await TestDatabase.concurrent([Self.counter])
        defer { TestDatabase.remove(path) }
        let (mode, timeout) = try await database.read { tx in
            (
                try await tx.first("PRAGMA journal_mode")?.decode(column: "journal_mode", as: String.self),
                try await tx.first("PRAGMA busy_timeout")?.decode(column: "timeout", as: Int64.self)
            )
        }
        #expect(mode == "wal")
        #expect(timeout == 5000)
        try await database.close()
    }

    /// An unconditional read-modify-write: safe on SQLite because BEGIN IMMEDIATE serializes writers. (On
    /// PostgreSQL at READ COMMITTED it would lose updates, which is why every store uses conditional updates.)
    @Test(.enabled(if: TestEngine.current == .sqlite, "relies on SQLite's serialized writers"), arguments: [true, false])
    func concurrentWritersOnAFileLoseNoUpdate(queueWriters: Bool) async throws {
        let (database, path) = try await TestDatabase.concurrent([Self.counter], queueWriters: queueWriters)
        defer { TestDatabase.remove(path) }
        _ = await concurrently(40) { _ in
            try? await database.write { tx in
                let current =
                    try await tx.first("SELECT value FROM counters WHERE id = 1")?
                    .decode(column: "value", as: Int64.self) ?? 0
                try await tx.execute("UPDATE counters SET value = \(bind: current + 1)")
            }
        }
        #expect(try await value(database) == 40, "BEGIN IMMEDIATE serializes read-modify-write transactions")
        try await database.close()
    }

    @Test func aBadPathFailsAtOpen() {
        #expect(throws: DatabaseError.self) {
            _ = try SQLiteEngine.open(SQLiteSettings(storage: .file(path: "/nonexistent-directory/x/commerce.sqlite")))
        }
    }
}

/// Conflicts are retried as whole transactions: on PostgreSQL at SERIALIZABLE an unconditional
/// read-modify-write loses no update, because every loser of a race is run again and reads the winner's row.
@Suite struct ConflictRetryTests {
    final class Conflicts: DatabaseObserver {
        let seen = Mutex(0)
        func transactionEnded(_ kind: TransactionKind, duration: Duration, attempt: Int, error: DatabaseError?) {
            if case .conflict = error { seen.withLock { $0 += 1 } }
        }
    }

    @Test(.enabled(if: TestEngine.current == .postgres, "PostgreSQL's serialization failures"))
    func serializationFailuresAreRetriedUntilEveryUpdateLands() async throws {
        var settings = try await TestDatabase.freshSchema()
        settings.isolation = .serializable
        let conflicts = Conflicts()
        let database = Database(engine: try await PostgresEngine.open(settings), observer: conflicts)
        try await Migrator(database: database).migrate([DatabaseTests.counter])
        let results = await concurrently(24) { _ in
            do {
                try await database.write { tx in
                    let current =
                        try await tx.first("SELECT value FROM counters WHERE id = 1")?.decode(column: "value", as: Int64.self) ?? 0
                    try await tx.execute("UPDATE counters SET value = \(bind: current + 1) WHERE id = 1")
                }
                return true
            } catch {
                return false
            }
        }
        #expect(results.allSatisfy { $0 }, "no transaction gave up")
        let value = try await database.read { tx in
            try await tx.first("SELECT value FROM counters WHERE id = 1")?.decode(column: "value", as: Int64.self)
        }
        #expect(value == 24)
        #expect(conflicts.seen.withLock { $0 } > 0, "the race produced conflicts, and they were retried")
        try await database.close()
    }

    @Test func theRetryDelayIsJitteredAndCapped() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40))
        for attempt in 2...12 {
            let delay = policy.delay(beforeAttempt: attempt)
            #expect(delay >= .milliseconds(5) && delay <= .milliseconds(40), "attempt \(attempt): \(delay)")
        }
        #expect(policy.delay(beforeAttempt: 2) <= .milliseconds(10))
    }
}

/// A PostgreSQL server that does not answer makes transactions fail as `unavailable` on time (the HTTP edge's
/// 503), instead of waiting for as long as the client keeps retrying the connection.
@Suite struct UnreachablePostgresTests {
    @Test func anUnreachableServerIsUnavailableWithinTheWait() async throws {
        let settings = PostgresSettings(host: "127.0.0.1", port: 1, username: "nobody", database: "none", connectionWait: .seconds(1))
        let started = ContinuousClock.now
        await #expect(throws: DatabaseError.self) { _ = try await PostgresEngine.open(settings) }
        do {
            _ = try await PostgresEngine.open(settings)
        } catch let error as DatabaseError {
            #expect(error.isTransient, "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}

/// Several instances starting at the same moment on one fresh database: every migrator succeeds and each
/// migration is applied exactly once (PostgreSQL: the advisory lock; SQLite: BEGIN IMMEDIATE).
@Suite struct ConcurrentMigrationTests {
    @Test func fourInstancesMigratingAtOnceApplyEachMigrationOnce() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        var databases: [Database] = []
        switch TestEngine.current {
        case .sqlite:
            for _ in 0..<4 { databases.append(try await TestDatabase.open(path: path)) }
        case .postgres:
            let settings = try await TestDatabase.freshSchema()
            for _ in 0..<4 { databases.append(Database(engine: try await PostgresEngine.open(settings))) }
        }
        let instances = databases
        let applied = await concurrently(4) { index in
            (try? await Migrator(database: instances[index]).migrate([DatabaseTests.counter])) ?? ["failed"]
        }
        #expect(!applied.contains(["failed"]), "every instance's migrator succeeded")
        #expect(applied.flatMap { $0 }.sorted() == ["test.001", "test.002"], "each migration ran in exactly one instance")
        let rows = try await instances[0].read { tx in
            try await tx.first("SELECT COUNT(*) AS n FROM counters")?.decode(column: "n", as: Int64.self)
        }
        #expect(rows == 1, "test.002's insert ran once")
        for database in instances { try await database.close() }
    }
}
