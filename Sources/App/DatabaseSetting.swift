import Foundation
import Kernel
import Logging
import PostgresEngine
import SQLiteEngine

/// Which database the system runs on, as `--database` and `COMMERCE_DATABASE` spell it.
public enum DatabaseSetting: Sendable {
    /// SQLite, embedded: in memory or in a file.
    case sqlite(SQLiteSettings)
    /// A PostgreSQL server, shared by several instances.
    case postgres(PostgresSettings)
    /// A database opened by the caller (tests); the system migrates it and closes it with itself.
    case provided(Database)

    /// A private SQLite database in memory (the console's default).
    public static let memory = DatabaseSetting.sqlite(SQLiteSettings(storage: .memory))

    /// A SQLite file with the default settings.
    public static func file(_ path: String) -> DatabaseSetting { .sqlite(SQLiteSettings(storage: .file(path: path))) }

    /// Reads `postgres://USER[:PASSWORD]@HOST:PORT/DB` (or `postgresql://`), `sqlite:PATH`, `:memory:`, or a
    /// plain path (a SQLite file). Throws a message that says which form was expected.
    public init(parsing text: String) throws(DatabaseSettingError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let settings = PostgresSettings(url: text) else {
                throw DatabaseSettingError(
                    "'\(text.redactingPassword)' is not a PostgreSQL URL of the form postgres://USER[:PASSWORD]@HOST[:PORT]/DB"
                        + " (query: sslmode=disable|prefer|require, search_path=SCHEMA)")
            }
            self = .postgres(settings)
            return
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty else { throw DatabaseSettingError("a SQLite database needs a path, or :memory:") }
        self = path == ":memory:" ? .memory : .file(path)
    }

    /// What the setting names, with any password hidden, for logs and the console's banner.
    public var summary: String {
        switch self {
        case .sqlite(let settings):
            switch settings.storage {
            case .memory: "SQLite in memory"
            case .file(let path): "SQLite file \(path)"
            }
        case .postgres(let settings): "PostgreSQL \(settings.redactedURL)"
        case .provided(let database): "a provided \(database.dialect.rawValue) database"
        }
    }

    /// Opens the engine the setting names, under a ``FaultInjectingEngine`` when `faults` is given.
    func open(observer: (any DatabaseObserver)?, logger: Logger, faults: FaultSwitch? = nil) async throws -> Database {
        let database: Database
        switch self {
        case .sqlite(let settings): database = Database(engine: try SQLiteEngine.open(settings), observer: observer)
        case .postgres(let settings):
            database = Database(engine: try await PostgresEngine.open(settings, logger: logger), observer: observer)
        case .provided(let provided): database = provided
        }
        guard let faults else { return database }
        return Database(
            engine: FaultInjectingEngine(base: database.engine, faults: faults), retries: database.retries,
            observer: database.observer)
    }
}

/// A `--database` value that names no database commerce can open.
public struct DatabaseSettingError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}

extension String {
    /// The text with any `:password@` of a URL replaced by `:***@`.
    var redactingPassword: String {
        replacingOccurrences(of: #"(://[^:/@]+):[^@]*@"#, with: "$1:***@", options: .regularExpression)
    }
}
