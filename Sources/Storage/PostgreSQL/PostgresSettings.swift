import Foundation

/// How commerce connects to PostgreSQL. Built from a URL (`postgres://USER[:PASSWORD]@HOST:PORT/DB`) and flags.
public struct PostgresSettings: Sendable, Equatable {
    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP (a server on loopback or a private network).
        case disable
        /// TLS when the server offers it, plain otherwise.
        case prefer
        /// TLS or no connection, with the server's certificate verified.
        case require
    }

    /// The isolation level of write transactions.
    public enum Isolation: String, Sendable, CaseIterable {
        /// PostgreSQL's default. Correct here because every deduction is a conditional update.
        case readCommitted = "read-committed"
        /// What CockroachDB-style distributed engines run; conflicts are retried as whole use cases.
        case serializable

        var sql: String {
            switch self {
            case .readCommitted: "READ COMMITTED"
            case .serializable: "SERIALIZABLE"
            }
        }
    }

    /// Whether a commit waits for the WAL to reach disk (`synchronous_commit`).
    public enum SynchronousCommit: String, Sendable, CaseIterable {
        /// `on`: a commit survives a crash of the server and of the machine.
        case on
        /// `off`: commits are acknowledged before the WAL is flushed; a server or OS crash can lose the last
        /// few hundred milliseconds of them (never corrupt the database).
        case off
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// The schema tables live in (`search_path`); nil keeps the server's default (`public`).
    public var schema: String?
    public var tls: TLSMode
    /// Connections in the pool of this process.
    public var maxConnections: Int
    /// How long opening one connection may take.
    public var connectTimeout: Duration
    /// How long a transaction waits for a connection of the pool (all busy, or the server down) before failing
    /// with `unavailable`, which the HTTP edge answers with `503` and `Retry-After`.
    public var connectionWait: Duration
    public var isolation: Isolation
    public var synchronousCommit: SynchronousCommit

    /// Settings with the defaults: TLS disabled, 16 connections, a 10 s connect timeout, a 5 s wait for a
    /// connection, READ COMMITTED,
    /// `synchronous_commit=on`.
    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String, schema: String? = nil,
        tls: TLSMode = .disable, maxConnections: Int = 16, connectTimeout: Duration = .seconds(10), connectionWait: Duration = .seconds(5),
        isolation: Isolation = .readCommitted, synchronousCommit: SynchronousCommit = .on
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
        self.tls = tls
        self.maxConnections = maxConnections
        self.connectTimeout = connectTimeout
        self.connectionWait = connectionWait
        self.isolation = isolation
        self.synchronousCommit = synchronousCommit
    }

    /// Parses `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` (also `postgresql://`). Query items `sslmode`
    /// (`disable|prefer|require`) and `search_path` are understood; nil for anything else.
    public init?(url text: String) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme),
            let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty
        else { return nil }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { return nil }
        self.init(host: host, port: url.port ?? 5432, username: user, password: url.password, database: database)
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else { return nil }
                tls = mode
            case "search_path":
                guard let value = item.value, Self.isIdentifier(value) else { return nil }
                schema = value
            default:
                return nil
            }
        }
    }

    /// True for a plain SQL identifier: a letter or `_`, then letters, digits or `_`, at most 63 bytes.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.utf8.count <= 63 else { return false }
        let letters = CharacterSet.lowercaseLetters.union(.uppercaseLetters)
        return (letters.contains(first) || first == "_")
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && (letters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == "_")
            }
    }

    /// The URL without the password, for logs.
    public var redactedURL: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }
}
