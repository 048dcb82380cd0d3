import Foundation
import Kernel
import PostgresEngine
import SQLiteEngine

/// The engine the tests run on: SQLite unless `COMMERCE_TEST_ENGINE=postgres`, which needs
/// `COMMERCE_TEST_POSTGRES_URL` (a database the tests may create schemas in). `.ci/run` runs the suite once each.
public enum TestEngine: String, Sendable {
    case sqlite
    case postgres

    /// The engine of this test run.
    public static let current: TestEngine =
        ProcessInfo.processInfo.environment["COMMERCE_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite

    /// The PostgreSQL server the tests use, from `COMMERCE_TEST_POSTGRES_URL`.
    public static var postgresURL: String? { ProcessInfo.processInfo.environment["COMMERCE_TEST_POSTGRES_URL"] }

    /// The write isolation for PostgreSQL runs: `COMMERCE_TEST_POSTGRES_ISOLATION=serializable` runs the suite
    /// the way CockroachDB-style engines would.
    static var isolation: PostgresSettings.Isolation {
        ProcessInfo.processInfo.environment["COMMERCE_TEST_POSTGRES_ISOLATION"].flatMap(PostgresSettings.Isolation.init) ?? .readCommitted
    }
}

/// Real databases for tests, each fresh: SQLite in memory or in a temporary file, or, on the PostgreSQL run, a
/// new schema of the test server, so tests never see each other's rows.
public enum TestDatabase {
    /// A fresh, migrated database: SQLite in memory, or a new PostgreSQL schema.
    public static func fresh(_ modules: [CommerceModule]) async throws -> Database {
        let database = try await open(path: nil)
        try await Migrator(database: database).migrate(modules)
        return database
    }

    /// A fresh, migrated database with several connections, and the path to remove afterwards (a SQLite file in
    /// WAL mode; on PostgreSQL a new schema, and the path names nothing).
    public static func concurrent(_ modules: [CommerceModule], queueWriters: Bool = true) async throws -> (Database, String) {
        let path = temporaryPath()
        let database = try await open(path: path, queueWriters: queueWriters)
        try await Migrator(database: database).migrate(modules)
        return (database, path)
    }

    /// An unmigrated database, fresh: in a SQLite file at `path` (in memory when nil), or a new PostgreSQL schema.
    public static func open(path: String?, queueWriters: Bool = true) async throws -> Database {
        switch TestEngine.current {
        case .sqlite:
            let storage: SQLiteStorage = path.map { .file(path: $0) } ?? .memory
            return Database(engine: try SQLiteEngine.open(SQLiteSettings(storage: storage, queueWritersInProcess: queueWriters)))
        case .postgres:
            return Database(engine: try await PostgresEngine.open(try await freshSchema()))
        }
    }

    /// Two databases over the same storage, as two instances of the service would open it: one SQLite file
    /// opened twice, or one PostgreSQL schema with two pools.
    public static func twoInstances(path: String) async throws -> (Database, Database) {
        switch TestEngine.current {
        case .sqlite:
            return (try await open(path: path), try await open(path: path))
        case .postgres:
            let settings = try await freshSchema()
            return (Database(engine: try await PostgresEngine.open(settings)), Database(engine: try await PostgresEngine.open(settings)))
        }
    }

    /// Settings for a new, empty schema of the test server (created here), with a small pool.
    public static func freshSchema() async throws -> PostgresSettings {
        guard let url = TestEngine.postgresURL, var settings = PostgresSettings(url: url) else {
            throw TestSetupError("COMMERCE_TEST_ENGINE=postgres needs COMMERCE_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/DB")
        }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try await PostgresEngine.open(settings)
        try await Database(engine: admin).writeStatement { tx in try await tx.execute(SQL(unsafeRaw: "CREATE SCHEMA \(schema)")) }
        try await admin.close()
        settings.schema = schema
        settings.maxConnections = 8
        settings.isolation = TestEngine.isolation
        return settings
    }

    /// A fresh path in the temporary directory; nothing is created there.
    public static func temporaryPath(_ suffix: String = ".sqlite") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("commerce-test-\(UUID().uuidString)\(suffix)").path
    }

    /// Removes a database file and its WAL companions.
    public static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// The test environment is not set up as the test run asked.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs `count` copies of `body` concurrently and returns their results in index order.
public func concurrently<T: Sendable>(
    _ count: Int, _ body: @escaping @Sendable (Int) async -> T
) async -> [T] {
    await withTaskGroup(of: (Int, T).self) { group in
        for index in 0..<count { group.addTask { (index, await body(index)) } }
        var results = [(Int, T)]()
        for await result in group { results.append(result) }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// The error code a call fails with, or nil when it succeeds. Errors other than domain errors are rethrown.
public func errorCode(_ body: () async throws -> Void) async throws -> ErrorCode? {
    do {
        try await body()
        return nil
    } catch let error as DomainError {
        return error.code
    }
}

/// The outcome of a concurrent attempt: success, or the domain error code it failed with.
public func outcome(_ body: () async throws -> Void) async -> Result<Void, DomainError> {
    do {
        try await body()
        return .success(())
    } catch let error as DomainError {
        return .failure(error)
    } catch {
        return .failure(DomainError(.invalidArgument, "unexpected: \(error)"))
    }
}

extension Array where Element == Result<Void, DomainError> {
    /// How many succeeded.
    public var successes: Int { count { if case .success = $0 { true } else { false } } }

    /// How many failed with `code`.
    public func failures(_ code: ErrorCode) -> Int {
        count { if case .failure(let error) = $0 { error.code == code } else { false } }
    }
}
