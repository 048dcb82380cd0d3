import App
import ArgumentParser
import Foundation
import Kernel

/// The database flags shared by `serve`, `run` and the REPL. `--database` (or `COMMERCE_DATABASE`) names the
/// database; the rest tune it and have sane defaults.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "postgres://USER[:PASSWORD]@HOST[:PORT]/DB, sqlite:PATH, a SQLite file path, or :memory: (also COMMERCE_DATABASE).",
            valueName: "url-or-path"))
    var database: String?

    @Option(name: .customLong("db-pool-size"), help: ArgumentHelp("PostgreSQL connections per process (default 16).", valueName: "n"))
    var poolSize: Int?

    @Option(name: .customLong("db-tls"), help: ArgumentHelp("PostgreSQL TLS: disable (default), prefer or require.", valueName: "mode"))
    var tls: String?

    @Option(name: .customLong("db-connect-timeout"), help: ArgumentHelp("PostgreSQL connect timeout (default 10s).", valueName: "duration"))
    var connectTimeout: String?

    @Option(
        name: .customLong("db-connection-wait"),
        help: ArgumentHelp(
            "How long a request waits for a PostgreSQL connection before 503 (default 5s).", valueName: "duration"))
    var connectionWait: String?

    @Option(
        name: .customLong("db-isolation"),
        help: ArgumentHelp(
            "PostgreSQL write isolation: read-committed (default) or serializable.", valueName: "level"))
    var isolation: String?

    @Option(
        help: ArgumentHelp(
            "What a commit survives: normal or full (SQLite synchronous=NORMAL|FULL, PostgreSQL synchronous_commit=off|on; "
                + "default: normal on SQLite, full on PostgreSQL; also COMMERCE_DURABILITY).", valueName: "level"))
    var durability: String?

    @Option(
        name: .customLong("busy-timeout"),
        help: ArgumentHelp(
            "How long a SQLite writer waits for another process's lock (default 5s).", valueName: "duration"))
    var busyTimeout: String?

    /// The setting, with `fallback` when neither the flag nor the environment names a database.
    func setting(
        default fallback: DatabaseSetting, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> DatabaseSetting {
        let parsed: DatabaseSetting
        if let text = database ?? environment["COMMERCE_DATABASE"] {
            do {
                parsed = try DatabaseSetting(parsing: text)
            } catch {
                throw ValidationError("--database: \(error.description)")
            }
        } else {
            parsed = fallback
        }
        let tunedSetting = try tuned(parsed)
        guard let level = durability ?? environment["COMMERCE_DURABILITY"] else { return tunedSetting }
        guard let chosen = Durability(rawValue: level) else { throw ValidationError("--durability must be normal or full, got '\(level)'") }
        return chosen.applied(to: tunedSetting)
    }

    private func tuned(_ setting: DatabaseSetting) throws -> DatabaseSetting {
        switch setting {
        case .sqlite(var settings):
            if let busyTimeout { settings.busyTimeout = try duration(busyTimeout, flag: "--busy-timeout") }
            return .sqlite(settings)
        case .postgres(var settings):
            if let poolSize {
                guard (1...1_000).contains(poolSize) else { throw ValidationError("--db-pool-size must be 1 to 1000") }
                settings.maxConnections = poolSize
            }
            if let tls {
                guard let mode = PostgresSettings.TLSMode(rawValue: tls) else {
                    throw ValidationError("--db-tls must be disable, prefer or require")
                }
                settings.tls = mode
            }
            if let connectTimeout { settings.connectTimeout = try duration(connectTimeout, flag: "--db-connect-timeout") }
            if let connectionWait { settings.connectionWait = try duration(connectionWait, flag: "--db-connection-wait") }
            if let isolation {
                guard let level = PostgresSettings.Isolation(rawValue: isolation) else {
                    throw ValidationError("--db-isolation must be read-committed or serializable")
                }
                settings.isolation = level
            }
            return .postgres(settings)
        case .provided:
            return setting
        }
    }

    private func duration(_ text: String, flag: String) throws -> Duration {
        do {
            let span = try TimeSpan(parsing: text)
            guard span.seconds >= 1 else { throw ValidationError("\(flag) must be at least 1s") }
            return .seconds(span.seconds)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(flag): '\(text)' is not a duration such as 5s or 1m")
        }
    }
}
