import Kernel
import SQLiteNIO
import TestSupport
import Testing

@Suite struct DatabaseTests {
    static let counter = CommerceModule(name: "Test", migrations: [
        Migration(id: "test.001", statements: ["CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)"]),
        Migration(id: "test.002", statements: ["INSERT INTO counters (id, value) VALUES (1, 0)"]),
    ])

    func value(_ database: Database) async throws -> Int64 {
        try await database.read { tx in
            try await tx.sql.raw("SELECT value FROM counters WHERE id = 1").first()?.decode(column: "value", as: Int64.self) ?? -1
        }
    }

    @Test func inMemoryTransactionsShareOneDatabase() async throws {
        let database = try await TestDatabase.memory([Self.counter])
        try await database.write { tx in try await tx.sql.raw("UPDATE counters SET value = 7").run() }
        // Concurrent transactions all reach the same database: its one connection is taken in turns.
        _ = await concurrently(10) { _ in
            try? await database.write { tx in try await tx.sql.raw("UPDATE counters SET value = value + 1").run() }
        }
        #expect(try await value(database) == 17)
        try await database.close()
    }

    /// Why in-memory mode keeps exactly one connection: sqlite-nio omits the shared cache, so a second
    /// `:memory:` connection opens a second, empty database.
    @Test func aSecondInMemoryConnectionWouldSeeAnotherDatabase() async throws {
        let first = try await SQLiteConnection.open(storage: .memory)
        let second = try await SQLiteConnection.open(storage: .memory)
        _ = try await first.query("CREATE TABLE t (x INTEGER)")
        await #expect(throws: SQLiteError.self) { _ = try await second.query("SELECT x FROM t") }
        try await first.close()
        try await second.close()
    }

    @Test func aThrowingTransactionRollsBack() async throws {
        struct Abort: Error {}
        let database = try await TestDatabase.memory([Self.counter])
        await #expect(throws: Abort.self) {
            try await database.write { tx in
                try await tx.sql.raw("UPDATE counters SET value = 99").run()
                throw Abort()
            }
        }
        #expect(try await value(database) == 0)
        try await database.close()
    }

    @Test func aNestedTransactionIsAnErrorNotADeadlock() async throws {
        let database = try await TestDatabase.memory([Self.counter])
        await #expect(throws: DatabaseUsageError.self) {
            try await database.write { _ in try await database.read { _ in 1 } }
        }
        try await database.close()
    }

    @Test func migrationsApplyOnce() async throws {
        let database = try await TestDatabase.memory([Self.counter])
        let again = try await Migrator(database: database).migrate([Self.counter])
        #expect(again.isEmpty)
        #expect(try await value(database) == 0, "test.002 did not run twice")
        try await database.close()
    }

    @Test func fileDatabasesUseWALAndABusyTimeout() async throws {
        let (database, path) = try await TestDatabase.file([Self.counter])
        defer { TestDatabase.remove(path) }
        let (mode, timeout) = try await database.read { tx in
            (
                try await tx.sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self),
                try await tx.sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int64.self)
            )
        }
        #expect(mode == "wal")
        #expect(timeout == 5000)
        try await database.close()
    }

    @Test(arguments: [true, false])
    func concurrentWritersOnAFileLoseNoUpdate(queueWriters: Bool) async throws {
        let (database, path) = try await TestDatabase.file([Self.counter], connections: 4, queueWriters: queueWriters)
        defer { TestDatabase.remove(path) }
        _ = await concurrently(40) { _ in
            try? await database.write { tx in
                let current = try await tx.sql.raw("SELECT value FROM counters WHERE id = 1").first()?
                    .decode(column: "value", as: Int64.self) ?? 0
                try await tx.sql.raw("UPDATE counters SET value = \(bind: current + 1)").run()
            }
        }
        #expect(try await value(database) == 40, "BEGIN IMMEDIATE serializes read-modify-write transactions")
        try await database.close()
    }

    @Test func aBadPathFailsAtOpen() async {
        await #expect(throws: (any Error).self) {
            _ = try await Database.sqlite(.file(path: "/nonexistent-directory/x/commerce.sqlite"))
        }
    }
}
