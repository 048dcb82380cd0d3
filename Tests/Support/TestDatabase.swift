import Foundation
import Kernel

/// Real SQLite databases for tests: in memory, or in a temporary file with several connections.
public enum TestDatabase {
    /// A migrated in-memory database.
    public static func memory(_ modules: [CommerceModule]) async throws -> Database {
        let database = try await Database.sqlite(.memory)
        try await Migrator(database: database).migrate(modules)
        return database
    }

    /// A migrated database in a new temporary file, with `connections` connections, and the file's path.
    public static func file(
        _ modules: [CommerceModule], connections: Int = 4, queueWriters: Bool = true
    ) async throws -> (Database, String) {
        let path = temporaryPath()
        let database = try await Database.sqlite(
            .file(path: path), options: SQLiteOptions(maxConnections: connections, queueWritersInProcess: queueWriters))
        try await Migrator(database: database).migrate(modules)
        return (database, path)
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
