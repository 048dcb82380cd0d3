import Foundation
import GRDB
import Kernel
import Synchronization

/// SQLite through GRDB: one writer connection and, for a file, a few read-only connections, each on its own
/// serial thread (``SQLiteThread``). A transaction hops to its connection's thread once and runs every statement
/// there synchronously, prepared once and cached.
///
/// A file is opened in WAL mode (readers never block the writer, nor the writer readers) with a busy timeout, so
/// several processes can share it: writers take SQLite's write lock at `BEGIN IMMEDIATE` and queue on it.
/// In memory there is exactly one connection, which reads and writes take turns on.
public final class SQLiteEngine: DatabaseEngine {
    private let writers: [SQLiteLane]
    private let readers: [SQLiteLane]
    private let nextReader = Atomic<Int>(0)
    private let nextWriter = Atomic<Int>(0)
    private let isClosed = Atomic<Bool>(false)

    public var dialect: SQLDialect { .sqlite }
    public var migrationLockStatement: Kernel.SQL? { nil }  // BEGIN IMMEDIATE already excludes other writers

    private init(writers: [SQLiteLane], readers: [SQLiteLane]) {
        self.writers = writers
        self.readers = readers
    }

    /// The writer connection (the first, when writers are not queued in process).
    private var writer: SQLiteLane { writers[0] }

    /// Opens a database in memory or in a file (created when missing).
    public static func open(_ settings: SQLiteSettings) throws -> SQLiteEngine {
        try mapErrors("open") {
            switch settings.storage {
            case .memory:
                let connection = try DatabaseQueue(configuration: configuration(settings, readonly: false))
                return SQLiteEngine(writers: [SQLiteLane(connection: connection, label: "commerce.sqlite.memory")], readers: [])
            case .file(let path):
                // One writer connection, on which this process's writers take turns; or, unqueued, several, which
                // contend for SQLite's write lock through the busy timeout as separate processes would.
                let writers = try (0..<(settings.queueWritersInProcess ? 1 : 4)).map { index in
                    SQLiteLane(
                        connection: try DatabaseQueue(path: path, configuration: configuration(settings, readonly: false)),
                        label: "commerce.sqlite.writer\(index)")
                }
                let readers = try (0..<max(0, settings.readers)).map { index in
                    SQLiteLane(
                        connection: try DatabaseQueue(path: path, configuration: configuration(settings, readonly: true)),
                        label: "commerce.sqlite.reader\(index)")
                }
                return SQLiteEngine(writers: writers, readers: readers)
            }
        }
    }

    public func transaction<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw Kernel.DatabaseError.unavailable("the database is closed") }
        return try await lane(for: kind).run(kind, body)
    }

    public func withWriterAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await writer.withAffinity(body)
    }

    public func close() async throws {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // Each connection closes when its lane is released; closing here makes later use fail instead of waiting.
        for lane in readers + writers { try? lane.connection.close() }
    }

    private func lane(for kind: TransactionKind) -> SQLiteLane {
        guard kind == .read, !readers.isEmpty else {
            guard writers.count > 1 else { return writer }
            return writers[nextWriter.wrappingAdd(1, ordering: .relaxed).oldValue % writers.count]
        }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return readers[index % readers.count]
    }

    private static func configuration(_ settings: SQLiteSettings, readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        // Transactions begin and end in separate calls on the lane's thread (BEGIN, the use case, COMMIT).
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(settings.busyTimeout.inSeconds)
        let synchronous = settings.synchronous.rawValue
        let isFile = settings.storage != .memory
        configuration.prepareDatabase { db in
            if isFile && !readonly { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return configuration
    }
}
