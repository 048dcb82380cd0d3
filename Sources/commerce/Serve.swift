import App
import ArgumentParser
import DataPlatformWebhook
import Foundation
import HTTPServer
import Kernel
import Logging

/// `commerce serve`: the HTTP API on a SQLite file, with the system clock and the jobs on real timers.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API (openapi.yaml) until SIGINT or SIGTERM.",
        discussion: """
            Every option can also come from the environment: COMMERCE_HOST, COMMERCE_PORT, COMMERCE_DATABASE, \
            COMMERCE_ORDER_TTL, COMMERCE_DATAPLATFORM, COMMERCE_LOG_LEVEL, COMMERCE_JWT_SECRET, COMMERCE_JWKS. \
            A flag wins over the environment. Every route but /health, /ready and /metrics needs a bearer token: \
            `commerce token --user 1` prints one signed with the same secret.
            """
    )

    @Option(help: ArgumentHelp("The address to bind (default 127.0.0.1).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("The port (default 8080; 0 picks a free one).", valueName: "port"))
    var port: Int?

    @OptionGroup(title: "Database (default: the SQLite file commerce.sqlite in the working directory)")
    var databaseOptions: DatabaseOptions

    @OptionGroup(title: "Identity (default: an HS256 secret in commerce.jwt-secret beside the database, created on first start)")
    var identity: IdentityOptions

    @Option(name: .customLong("order-ttl"), help: ArgumentHelp("How long an unpaid order lives (default 15m).", valueName: "duration"))
    var orderTTL: String?

    @Option(
        help: ArgumentHelp(
            "Where paid orders go: file:PATH (JSON lines, default file:commerce-dataplatform.jsonl) or an http(s):// webhook URL.",
            valueName: "target"))
    var dataplatform: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info (default), notice, warning, error.", valueName: "level"))
    var logLevel: String?

    /// The settings after flags and environment are merged and checked.
    struct Settings {
        let host: String
        let port: Int
        let database: DatabaseSetting
        let orderTTL: TimeSpan
        let dataPlatform: DataPlatformTarget
        let logLevel: Logger.Level
    }

    /// Where paid orders go, before anything is opened (`validate()` reads the settings too).
    enum DataPlatformTarget: Equatable {
        case file(path: String)
        case webhook(url: String)

        /// The setting, with the webhook's HTTP client created: the app shuts it down when it stops.
        var setting: AppConfiguration.DataPlatformSetting {
            switch self {
            case .file(let path): .jsonLines(path: path)
            case .webhook(let url): .client(WebhookDataPlatform(url: url))
            }
        }
    }

    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let portText = port.map(String.init) ?? environment["COMMERCE_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw ValidationError("port must be 0 to 65535, got '\(portText)'")
        }
        let ttlText = orderTTL ?? environment["COMMERCE_ORDER_TTL"] ?? "15m"
        let ttl: TimeSpan
        do { ttl = try TimeSpan(parsing: ttlText) } catch { throw ValidationError("--order-ttl: \(error.message)") }
        guard ttl.seconds >= 1 else { throw ValidationError("--order-ttl must be at least 1s") }
        let target = dataplatform ?? environment["COMMERCE_DATAPLATFORM"] ?? "file:commerce-dataplatform.jsonl"
        let dataPlatform: DataPlatformTarget
        if target.hasPrefix("file:"), target.count > 5 {
            dataPlatform = .file(path: String(target.dropFirst(5)))
        } else if target.hasPrefix("http://") || target.hasPrefix("https://"), URL(string: target)?.host != nil {
            dataPlatform = .webhook(url: target)
        } else {
            throw ValidationError("--dataplatform must be file:PATH or an http(s):// URL, got '\(target)'")
        }
        let levelText = logLevel ?? environment["COMMERCE_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else { throw ValidationError("unknown log level '\(levelText)'") }
        return Settings(
            host: host ?? environment["COMMERCE_HOST"] ?? "127.0.0.1", port: port,
            database: try databaseOptions.setting(default: .file("commerce.sqlite"), environment: environment), orderTTL: ttl,
            dataPlatform: dataPlatform,
            logLevel: level)
    }

    func validate() throws { _ = try settings() }

    func run() async throws {
        let settings = try settings()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        let logger = Logger(label: "commerce")
        let tokens = try await identity.tokens(database: settings.database)
        let metrics = HTTPMetrics()
        let app = try await CommerceApp.start(
            AppConfiguration(
                database: settings.database, clock: .system, orderTimeToLive: settings.orderTTL,
                dataPlatform: settings.dataPlatform.setting, metrics: metrics.factory))
        let database = settings.database.summary
        try await CommerceHTTPServer.serve(
            app, configuration: HTTPServerConfiguration(host: settings.host, port: settings.port, tokens: tokens, metrics: metrics),
            logger: logger
        ) { channel in
            logger.notice(
                "listening",
                metadata: [
                    "address": "\(channel.localAddress?.description ?? "?")", "database": "\(database)",
                ])
        }
        logger.notice("stopped")
    }
}
