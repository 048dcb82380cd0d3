import App
import Foundation
import Hummingbird
import Kernel
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle

/// Where and how the HTTP server listens.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The largest request body accepted (HTTP.md: 1 MiB).
    public var maxBodyBytes: Int

    /// Listens on `host:port`.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
    }
}

/// The HTTP edge: the generated routes of `openapi.yaml` on Hummingbird, with error bodies, a body limit and a
/// log line per request.
public enum CommerceHTTPServer {
    /// The router with every route of the document and the middleware around them.
    public static func router(for app: CommerceApp, configuration: HTTPServerConfiguration) throws -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorBodyMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes))
        // Compact JSON (the runtime's default pretty-prints every response).
        try CommerceAPI(app: app).registerHandlers(on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys]))
        return router
    }

    /// The Hummingbird application, ready to run as a service.
    public static func application(
        for app: CommerceApp, configuration: HTTPServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        Application(
            router: try router(for: app, configuration: configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "commerce"),
            onServerRunning: onServerRunning,
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM: the HTTP server and the scheduler's jobs on real timers, as one service
    /// group. On a signal, the server stops accepting and finishes the requests in flight, the jobs stop between
    /// runs, then the database is closed.
    public static func serve(
        _ app: CommerceApp, configuration: HTTPServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) async throws {
        let http = try application(for: app, configuration: configuration, logger: logger, onServerRunning: onServerRunning)
        let jobs = JobService(scheduler: app.scheduler, logger: logger)
        // A group stops its services in reverse order: the jobs, then the server, then the database (the
        // PostgreSQL client is a service; SQLite has nothing to run).
        let database = (app.database.engine as? any Service).map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? []
        let group = ServiceGroup(configuration: .init(
            services: database + [.init(service: http), .init(service: jobs)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        try await app.close()
    }
}

/// The scheduler's jobs on real timers, stopping between runs at shutdown.
struct JobService: Service {
    let scheduler: Scheduler
    let logger: Logger

    func run() async throws {
        let logger = logger
        await cancelWhenGracefulShutdown {
            await scheduler.runOnTimers { run in
                for line in run.lines { logger.info("job", metadata: ["job": "\(run.job)", "did": "\(line)"]) }
                if let failure = run.failure { logger.error("job failed", metadata: ["job": "\(run.job)", "error": "\(failure)"]) }
            }
        }
    }
}
