import Kernel
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// PostgreSQL through postgres-nio's `PostgresClient`: a pool of connections, each transaction on one of them.
///
/// Write transactions run at the configured isolation (READ COMMITTED by default) with the stores' conditional
/// updates; read transactions at `REPEATABLE READ READ ONLY`, so each sees one snapshot. A serialization
/// failure or deadlock comes out as ``Kernel/DatabaseError/conflict(_:)``, which ``Kernel/Database`` retries
/// as a whole use case.
///
/// The client runs as a service: ``run()`` until the service group shuts down (``PostgresEngine`` is a
/// `Service`); ``open(_:logger:)`` starts it in the background, so one-shot commands need no group.
public final class PostgresEngine: DatabaseEngine, Service {
    private let client: PostgresClient
    private let settings: PostgresSettings
    private let logger: Logger
    private let runner = Mutex<Task<Void, Never>?>(nil)

    public var dialect: SQLDialect { .postgres }

    /// Every migrator takes this advisory lock (transaction-scoped) first, so instances starting together
    /// migrate one after another.
    public var migrationLockStatement: Kernel.SQL? { "SELECT pg_advisory_xact_lock(\(bind: Self.migrationLockKey))" }
    static let migrationLockKey: Int64 = 0x636F_6D6D_6572  // "commer"

    private init(client: PostgresClient, settings: PostgresSettings, logger: Logger) {
        self.client = client
        self.settings = settings
        self.logger = logger
    }

    /// Starts a client for `settings` and checks that the server answers (so a wrong URL fails here).
    public static func open(
        _ settings: PostgresSettings, logger: Logger = Logger(label: "commerce.postgres")
    ) async throws -> PostgresEngine {
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: try tls(settings.tls))
        configuration.options.maximumConnections = max(1, settings.maxConnections)
        configuration.options.connectTimeout = settings.connectTimeout
        var parameters = [("synchronous_commit", settings.synchronousCommit.rawValue)]
        if let schema = settings.schema { parameters.append(("search_path", schema)) }
        configuration.options.additionalStartupParameters = parameters
        let engine = PostgresEngine(
            client: PostgresClient(configuration: configuration, backgroundLogger: logger), settings: settings, logger: logger)
        engine.startInBackground()
        do {
            try await engine.transaction(.read) { tx in try await tx.execute("SELECT 1") }
        } catch {
            try? await engine.close()
            throw error
        }
        return engine
    }

    /// As a service: waits for the group's graceful shutdown (or cancellation), then closes the client, so the
    /// database closes after the services listed after it (a group stops its services in reverse order).
    public func run() async throws {
        try? await gracefulShutdown()
        try await close()
    }

    public func transaction<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        do {
            return try await withLeasedConnection { connection in
                let statements = PostgresStatements(connection: connection, logger: logger)
                let transaction = Transaction(connection: statements)
                guard let begin = begin(kind) else { return try await body(transaction) }
                try await statements.run(begin)
                do {
                    let result = try await body(transaction)
                    try await statements.run("COMMIT")
                    return result
                } catch {
                    try? await statements.run("ROLLBACK")
                    throw error
                }
            }
        } catch let error as PSQLError {
            throw Self.map(error)
        }
    }

    /// Leases a connection for `body`, waiting at most ``PostgresSettings/connectionWait``. PostgresClient itself
    /// waits for as long as it takes (retrying the server with backoff while it is down), which would hold every
    /// request; so a child task holds the lease and hands the connection over, and a watchdog gives up on time,
    /// which cancels the lease request. `body` runs here, in the caller's task.
    private func withLeasedConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let client = client
        let wait = settings.connectionWait
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            let (connections, handOver) = AsyncStream.makeStream(of: PostgresConnection.self, bufferingPolicy: .bufferingNewest(1))
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                defer { handOver.finish() }
                try await client.withConnection { connection in
                    handOver.yield(connection)
                    for await _ in released {}  // hold the lease until the transaction is done
                }
            }
            group.addTask {
                try await Task.sleep(for: wait)
                handOver.finish()  // nothing arrived in time (a no-op once the connection was handed over)
            }
            var iterator = connections.makeAsyncIterator()
            guard let connection = await iterator.next() else {
                release.finish()
                group.cancelAll()
                throw Kernel.DatabaseError.unavailable("no PostgreSQL connection within \(wait) (\(settings.redactedURL))")
            }
            defer {
                release.finish()
                group.cancelAll()
            }
            return try await body(connection)
        }
    }

    public func withWriterAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await body()
    }

    public func close() async throws {
        runner.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    /// An engine dropped without ``close()`` still stops its client (and with it every connection).
    deinit { runner.withLock { $0?.cancel() } }

    private func begin(_ kind: TransactionKind) -> String? {
        switch kind {
        case .write: "BEGIN ISOLATION LEVEL \(settings.isolation.sql)"
        case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        case .migration: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .singleStatement: nil
        }
    }

    private func startInBackground() {
        let client = client
        runner.withLock { task in task = Task { await client.run() } }
    }

    private static func tls(_ mode: PostgresSettings.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    /// PostgreSQL's SQLSTATE classes, read into what the application can do about them.
    static func map(_ error: PSQLError) -> Kernel.DatabaseError {
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            return .unavailable("PostgreSQL connection: \(error.code) \(error.underlying.map { "\($0)" } ?? "")")
        }
        switch state {
        case "40001", "40P01": return .conflict("\(state) \(message)")
        case _ where state.hasPrefix("23"): return .constraint("\(state) \(message)")
        case _ where state.hasPrefix("08"), "53300", "57P01", "57P02", "57P03", "55P03", "57014":
            return .unavailable("\(state) \(message)")
        default: return .failed("\(state) \(message)")
        }
    }
}

/// Runs statements on the one connection that holds a transaction: each an extended-protocol query
/// (parse, bind, execute in one round trip) with its values bound as `$1`, `$2`, ...
struct PostgresStatements: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger

    var dialect: SQLDialect { .postgres }

    func query(_ statement: Kernel.SQL) async throws -> [SQLRow] {
        let rows = try await connection.query(Self.query(statement), logger: logger).collect()
        guard let first = rows.first else { return [] }
        let columns = SQLColumns(first.map(\.columnName))
        return try rows.map { row in SQLRow(columns: columns, values: try row.map(SQLValue.init(postgres:))) }
    }

    func execute(_ statement: Kernel.SQL) async throws {
        _ = try await connection.query(Self.query(statement), logger: logger).collect()
    }

    func run(_ text: String) async throws {
        _ = try await connection.query(PostgresQuery(unsafeSQL: text), logger: logger).collect()
    }

    static func query(_ statement: Kernel.SQL) -> PostgresQuery {
        let (text, values) = statement.rendered { "$\($0)" }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .text(let text): binds.append(text)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

extension SQLValue {
    /// A cell as commerce reads it: integers of every width as `Int64`, text as `String`, booleans as 0/1.
    /// Any other type is an error: the schema stores only these.
    init(postgres cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        do {
            switch cell.dataType {
            case .int8, .int4, .int2: self = .integer(try cell.decode(Int64.self))
            case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .text, .varchar, .name, .bpchar: self = .text(try cell.decode(String.self))
            case .numeric:
                let text = try cell.decode(String.self)
                guard let integer = Int64(text) else {
                    throw Kernel.DatabaseError.undecodable(column: cell.columnName, reason: "numeric \(text) is not an integer")
                }
                self = .integer(integer)
            default:
                throw Kernel.DatabaseError.undecodable(column: cell.columnName, reason: "unexpected PostgreSQL type \(cell.dataType)")
            }
        } catch let error as Kernel.DatabaseError {
            throw error
        } catch {
            throw Kernel.DatabaseError.undecodable(column: cell.columnName, reason: "\(error)")
        }
    }
}
