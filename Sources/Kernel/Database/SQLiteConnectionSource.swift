import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// Where a SQLite database lives.
public enum SQLiteStorage: Sendable, Equatable {
    /// A private in-memory database on exactly one connection (see ``SQLiteDatabaseSource``).
    case memory
    /// A database file, opened in WAL mode with several connections.
    case file(path: String)
}

/// Tuning for a SQLite database.
public struct SQLiteOptions: Sendable {
    /// Connections for a file database. Readers use them in parallel; writers take turns.
    public var maxConnections: Int
    /// How long a writer waits for another process's write lock before failing.
    public var busyTimeoutMilliseconds: Int
    /// Whether writers of this process queue in an async lock before they take SQLite's write lock. Keep it
    /// on; tests switch it off to show that correctness comes from the conditional updates alone.
    public var queueWritersInProcess: Bool
    /// Where the connection pool logs.
    public var logger: Logger

    /// The defaults: 4 connections, a 5 s busy timeout, writers queued in-process.
    public init(
        maxConnections: Int = 4,
        busyTimeoutMilliseconds: Int = 5000,
        queueWritersInProcess: Bool = true,
        logger: Logger = Logger(label: "commerce.database")
    ) {
        self.maxConnections = maxConnections
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.queueWritersInProcess = queueWritersInProcess
        self.logger = logger
    }
}

extension Database {
    /// Opens a SQLite database in memory or in a file.
    public static func sqlite(_ storage: SQLiteStorage, options: SQLiteOptions = .init()) async throws -> Database {
        Database(source: try await SQLiteDatabaseSource.open(storage, options: options))
    }
}

/// SQLite connections, through sqlite-nio and the connection pool of async-kit.
///
/// In memory there is exactly one connection: sqlite-nio builds SQLite with `SQLITE_OMIT_SHARED_CACHE`, so a
/// second `:memory:` connection would open a second, empty database (a test shows it). Every transaction takes
/// turns on that connection.
///
/// A file gets a pool of connections in WAL mode (readers never block the writer) with `synchronous=NORMAL`
/// (a committed transaction survives a crash of the process) and a busy timeout, which also replaces
/// sqlite-nio's default busy handler, one that retries without sleeping. Every query runs on a thread pool of
/// our own with one thread more than there are connections, so a connection that holds the write lock always
/// finds a thread to finish on.
final class SQLiteDatabaseSource: ConnectionSource {
    private enum Connections: Sendable {
        case single(SQLiteConnection, AsyncLock)
        case pool(SharedPool, writers: AsyncLock?)
    }

    private let connections: Connections
    private let threadPool: NIOThreadPool
    private let logger: Logger
    private let isShutDown = Mutex(false)

    private init(connections: Connections, threadPool: NIOThreadPool, logger: Logger) {
        self.connections = connections
        self.threadPool = threadPool
        self.logger = logger
    }

    static func open(_ storage: SQLiteStorage, options: SQLiteOptions) async throws -> SQLiteDatabaseSource {
        let group = MultiThreadedEventLoopGroup.singleton
        switch storage {
        case .memory:
            let threadPool = NIOThreadPool(numberOfThreads: 1)
            threadPool.start()
            let connection = try await SQLiteConnection.open(
                storage: .memory, threadPool: threadPool, logger: options.logger, on: group.any())
            return SQLiteDatabaseSource(
                connections: .single(connection, AsyncLock()), threadPool: threadPool, logger: options.logger)
        case .file(let path):
            let loops = Array(group.makeIterator()).count
            let perLoop = max(1, options.maxConnections / max(1, loops))
            let threadPool = NIOThreadPool(numberOfThreads: perLoop * loops + 1)
            threadPool.start()
            let pragmas = [
                "PRAGMA busy_timeout = \(max(0, options.busyTimeoutMilliseconds))",
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
            ]
            let pool = SharedPool(EventLoopGroupConnectionPool(
                source: PragmaConnectionSource(path: path, pragmas: pragmas, threadPool: threadPool),
                maxConnectionsPerEventLoop: perLoop,
                requestTimeout: .seconds(30),
                logger: options.logger,
                on: group))
            let source = SQLiteDatabaseSource(
                connections: .pool(pool, writers: options.queueWritersInProcess ? AsyncLock() : nil),
                threadPool: threadPool, logger: options.logger)
            // Open one connection now, so that a bad path fails here and not in the first use case.
            do {
                _ = try await source.withConnection(write: false) { sql in try await sql.raw("SELECT 1").run() }
            } catch {
                try? await source.shutdown()  // the pool must be shut down before it is released
                throw error
            }
            return source
        }
    }

    func beginStatement(write: Bool) -> String { write ? "BEGIN IMMEDIATE" : "BEGIN" }

    func withConnection<T: Sendable>(write: Bool, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch connections {
        case .single(let connection, let lock):
            return try await lock.withLock { try await body(connection.sql(queryLogLevel: nil)) }
        case .pool(let pool, let writers):
            if write, let writers {
                return try await writers.withLock { try await lease(from: pool, body) }
            }
            return try await lease(from: pool, body)
        }
    }

    private func lease<T: Sendable>(
        from shared: SharedPool,
        _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let pool = shared.pool
        let connection = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await body(connection.sql(queryLogLevel: nil))
    }

    func shutdown() async throws {
        guard markShutDown() else { return }
        switch connections {
        case .single(let connection, _): try await connection.close()
        case .pool(let shared, _): try await shared.pool.shutdownAsync()
        }
        try await threadPool.shutdownGracefully()
    }

    /// A database dropped without ``shutdown()`` still closes its connections and threads, in the background:
    /// sqlite-nio, async-kit and NIO each insist on it.
    deinit {
        guard markShutDown() else { return }
        let threadPool = threadPool
        let stopThreads: @Sendable ((any Error)?) -> Void = { _ in threadPool.shutdownGracefully { _ in } }
        switch connections {
        case .single(let connection, _): connection.close().whenComplete { _ in stopThreads(nil) }
        case .pool(let shared, _): shared.pool.shutdownGracefully(stopThreads)
        }
    }

    /// True the first time only.
    private func markShutDown() -> Bool {
        isShutDown.withLock { wasShutDown in
            defer { wasShutDown = true }
            return !wasShutDown
        }
    }
}

/// Opens file connections on our thread pool and applies the pragmas to each.
struct PragmaConnectionSource: ConnectionPoolSource {
    let path: String
    let pragmas: [String]
    let threadPool: NIOThreadPool

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { previous, pragma in
                    previous.flatMap { connection.query(pragma).map { _ in } }
                }
                .flatMapError { error in connection.close().flatMapThrowing { throw error } }
                .map { connection }
            }
    }
}

/// async-kit's pool predates `Sendable`, but it is safe to share: every request and release hops to the event
/// loop that owns the connection, and its own state sits behind a lock.
struct SharedPool: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PragmaConnectionSource>

    init(_ pool: EventLoopGroupConnectionPool<PragmaConnectionSource>) { self.pool = pool }
}
